/**
 * Armet sessions behind the Servlet API: {@link dev.armet.servlet.session.ServletSessions#of} finds
 * the Armet session of a request that went through {@code ArmetFilter}, whose {@code
 * request.getSession()} returns the same session and never creates the container's.
 */
package dev.armet.servlet.session;
