package dev.armet.servlet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Sessions;
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
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 2: Servlet 6.1's new {@code sendRedirect} overloads, on a real Servlet 6.1
 * container (Jetty ee11), commit the session and its cookie before the redirect commits.
 */
class Servlet61RedirectTest {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    Sessions sessions =
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(HttpSessionOnJettyTest.RING)
                    .store(new MemorySessionStore())
                    .events(e -> {}));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new SessionFilter(sessions)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Redirecting()), "/redirect");
    context.addServlet(new ServletHolder(new PlainServlets.Peek()), "/peek");
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @ParameterizedTest
  @CsvSource({"location-status-clear, 303", "location-status, 303", "location-clear, 302"})
  void redirect_withServlet61Overload_setsSessionCookieFirst(String overload, int status)
      throws Exception {
    HttpResponse<String> r = get("/redirect?overload=" + overload, null);
    assertThat(r.statusCode()).isEqualTo(status);
    String setCookie =
        r.headers()
            .firstValue("Set-Cookie")
            .orElseThrow(() -> new AssertionError("no session cookie on the redirect " + overload));
    assertThat(setCookie).startsWith("id=");
    assertThat(get("/peek", setCookie.substring(0, setCookie.indexOf(';'))).body()).isEqualTo("1");
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in (a session attribute), then redirects with the overload the query names. */
  private static final class Redirecting extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      req.getSession().setAttribute("count", 1);
      switch (req.getParameter("overload")) {
        case "location-status-clear" -> resp.sendRedirect("/peek", 303, true);
        case "location-status" -> resp.sendRedirect("/peek", 303);
        default -> resp.sendRedirect("/peek", true);
      }
    }
  }
}
