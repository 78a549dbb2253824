package dev.armet.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The path every policy matches, as a real Jetty splits a request under a context path into servlet
 * path and path info, for each kind of servlet mapping.
 */
class RequestPathsTest {
  static Server server;
  static ServerConnector connector;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/app");
    HttpServlet echo =
        new HttpServlet() {
          @Override
          protected void service(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            response.getWriter().write(RequestPaths.contextRelative(request));
          }
        };
    context.addServlet(new ServletHolder(echo), "/api/*"); // prefix: servlet path + path info
    context.addServlet(new ServletHolder(echo), "/exact"); // exact: servlet path only
    context.addServlet(new ServletHolder(echo), "*.do"); // extension: servlet path only
    context.addServlet(new ServletHolder(echo), ""); // context root: empty servlet path, info "/"
    context.addServlet(new ServletHolder(echo), "/"); // default: servlet path only
    server.setHandler(context);
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/app/api/users/7,     /api/users/7",
    "/app/api,             /api",
    "/app/api/,            /api/",
    "/app/exact,           /exact",
    "/app/x/report.do,     /x/report.do",
    "/app/,                /",
    "/app/other/page,      /other/page",
    "/app/api/a%62c,       /api/abc", // decoded by the container
    "/app/exact;jsessionid=1, /exact", // path parameters are not part of it
    "/app/api/a;v=2/b,     /api/a/b",
  })
  void contextRelative_isServletPathAndPathInfo_withoutTheContext(String requested, String expected)
      throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + requested))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(expected);
  }
}
