/**
 * The Jetty 12 side of {@link dev.armet.internal.servlet.PreEncodedHeaders}; every class here is
 * loaded only when Jetty's servlet classes are present.
 */
package dev.armet.internal.servlet.jetty;
