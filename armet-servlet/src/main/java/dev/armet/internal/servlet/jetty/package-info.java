/**
 * The Jetty 12 side of {@link dev.armet.internal.servlet.PreEncodedHeaders} (and the fields
 * armet-server's core handler adds); every class here is loaded only when Jetty is present.
 */
package dev.armet.internal.servlet.jetty;
