package dev.armet.servlet.csrf;

import dev.armet.csrf.CsrfProtection;
import dev.armet.csrf.CsrfProtectionBuilder;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Sessions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Real Jetty 12 on a random loopback port running the notes app behind sessions and CSRF. */
final class CsrfServer implements AutoCloseable {
  static final Keyring RING =
      Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));

  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  CsrfServer(Consumer<CsrfProtectionBuilder> config) throws Exception {
    Sessions sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(RING)
                    .store(new MemorySessionStore())
                    .events(e -> {}));
    CsrfProtection csrf =
        CsrfProtection.create(
            c -> {
              c.environment(ArmetEnvironment.DEVELOPMENT)
                  .keyring(RING)
                  .events(events::add)
                  .exempt("/webhooks/*");
              config.accept(c);
            });
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(new CsrfTestFilter(sessions, new ServletCsrf(csrf))),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new NoteServlets.Form()), "/form");
    context.addServlet(new ServletHolder(new NoteServlets.Notes()), "/notes");
    context.addServlet(new ServletHolder(new NoteServlets.Notes()), "/webhooks/*");
    context.addServlet(new ServletHolder(new NoteServlets.Login()), "/login");
    context.addServlet(new ServletHolder(new NoteServlets.Logout()), "/logout");
    ServletHolder upload = new ServletHolder(new NoteServlets.Upload());
    // Embedded Jetty does not scan annotations: the multipart config is registered explicitly.
    upload
        .getRegistration()
        .setMultipartConfig(new MultipartConfigElement("", 1 << 20, 1 << 21, 0));
    context.addServlet(upload, "/upload");
    context.addServlet(new ServletHolder(new NoteServlets.Api()), "/api");
    context.addServlet(new ServletHolder(new NoteServlets.Plain()), "/plain");
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  /** This server's origin, as a browser would send it. */
  String origin() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** A browser with an empty cookie jar. */
  Browser browser() {
    return new Browser(this);
  }

  /** The reasons of the recorded {@code malicious_csrf} events of {@code disposition}. */
  List<Object> reasons(String disposition) {
    return events.stream()
        .filter(
            e ->
                e.type().equals("malicious_csrf")
                    && disposition.equals(e.fields().get("disposition")))
        .map(e -> e.fields().get("reason"))
        .toList();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
