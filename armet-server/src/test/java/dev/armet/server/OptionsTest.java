package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIONS never advertises TRACE, which the server refuses. */
class OptionsTest {
  @TempDir static Path data;
  static ArmetServer server;
  static HttpClient client;

  /** A servlet that only answers GET, so HttpServlet.doOptions computes its Allow header. */
  static final class GetOnly extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.getWriter().write("get");
    }
  }

  /** Writes its own Allow header, TRACE included. */
  static final class OwnAllow extends HttpServlet {
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
      response.setHeader("Allow", "GET, TRACE, POST");
      response.addHeader("Allow", "TRACE");
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path site = TestApp.staticFolder(data);
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/get-only", new GetOnly())
                        .servlet("/own-allow", new OwnAllow())
                        .staticResources("/static", site)
                        .allowRoot(true)
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
    client = TestTls.client(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> options(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void options_onAServletWithDoGet_allowsGetHeadOptionsButNotTrace() throws Exception {
    HttpResponse<String> response = options("/get-only");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("allow")).containsExactly("GET, HEAD, OPTIONS");
  }

  @Test
  void options_onAStaticFile_doesNotAllowTrace() throws Exception {
    HttpResponse<String> response = options("/static/site.css");
    assertThat(String.join(",", response.headers().allValues("allow")))
        .doesNotContainIgnoringCase("trace")
        .contains("GET");
  }

  @Test
  void options_whereTheApplicationWritesTrace_itIsTakenOut() throws Exception {
    HttpResponse<String> response = options("/own-allow");
    assertThat(response.headers().allValues("allow")).containsExactly("GET, POST");
  }
}
