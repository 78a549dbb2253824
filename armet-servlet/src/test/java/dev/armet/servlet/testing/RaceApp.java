package dev.armet.servlet.testing;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.servlet.session.SessionFilter;
import dev.armet.session.ServerSessions;
import dev.armet.session.Session;
import dev.armet.session.Sessions;
import dev.armet.spi.SessionStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The notes application of issue 10 in miniature, on real Jetty: {@code POST /signin} logs alice
 * in, {@code POST /notes} writes the session, {@code POST /logout} ends it (303), and {@code GET
 * /me} answers 200 with the user or 401. Used by {@link SessionRaceContract}.
 */
final class RaceApp implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RaceApp(SessionStore store) throws Exception {
    Sessions sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .store(store)
                    .events(e -> {})
                    .keyring(Keyring.create(k -> k.secret(Secrets.generate()))));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new SessionFilter(sessions)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new SessionServlet(
                s -> {
                  s.regenerate();
                  s.userId("alice");
                  s.set("notes", 0);
                })),
        "/signin");
    context.addServlet(
        new ServletHolder(
            new SessionServlet(
                s -> s.set("notes", ((Number) s.get("notes").orElse(0)).intValue() + 1))),
        "/notes");
    context.addServlet(new ServletHolder(new SessionServlet(Session::invalidate)), "/logout");
    context.addServlet(new ServletHolder(new Me()), "/me");
    server.setHandler(context);
    server.start();
  }

  /** Signs alice in and returns the {@code name=value} of her session cookie. */
  String signIn() throws Exception {
    HttpResponse<String> r = send("POST", "/signin", null);
    return r.headers()
        .firstValue("Set-Cookie")
        .map(v -> v.substring(0, v.indexOf(';')))
        .orElseThrow(() -> new AssertionError("no session cookie from /signin: " + r));
  }

  HttpResponse<String> send(String method, String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** A POST that does one thing to the session, then answers 303 to the home page. */
  private static final class SessionServlet extends HttpServlet {
    private final java.util.function.Consumer<Session> action;

    SessionServlet(java.util.function.Consumer<Session> action) {
      this.action = action;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) {
      action.accept(ServletSessions.of(req).orElseThrow());
      res.setStatus(303);
      res.setHeader("Location", "/");
    }
  }

  private static final class Me extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String user = ServletSessions.of(req).flatMap(Session::userId).orElse(null);
      if (user == null) {
        res.sendError(401);
        return;
      }
      res.getWriter().write(user);
    }
  }
}
