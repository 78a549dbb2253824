/**
 * Sessions, framework-free. {@link dev.armet.session.ServerSessions} keeps data in a {@link
 * dev.armet.spi.SessionStore} behind a signed random id (express-session); {@link
 * dev.armet.session.CookieSessions} keeps it in a signed or sealed cookie (cookie-session). Both
 * implement {@link dev.armet.session.Sessions}, the open/commit pair an adapter calls per request,
 * and hand the application a {@link dev.armet.session.Session}. Store modules run {@code
 * SessionStoreContract} from armet-core's test-jar.
 */
package dev.armet.session;
