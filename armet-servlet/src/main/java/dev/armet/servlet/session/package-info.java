/**
 * Armet sessions behind the Servlet API: {@link dev.armet.servlet.session.ServletSessions} and
 * the per-request {@link dev.armet.servlet.session.SessionExchange}, which make
 * {@code request.getSession()} return the Armet session and never create the container's.
 */
package dev.armet.servlet.session;
