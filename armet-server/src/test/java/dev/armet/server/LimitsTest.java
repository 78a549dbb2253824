package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each limit hit with a real request: a short 4xx from Armet's error page, never a stack trace. */
class LimitsTest {
  @TempDir static Path data;
  static ArmetServer server;
  static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    server =
        ArmetServer.create(
                c ->
                    c.httpsPort(0)
                        .httpPort(0)
                        .bindAddress("127.0.0.1")
                        .environment(ArmetEnvironment.PRODUCTION)
                        .dataDirectory(data)
                        .stopAtShutdown(false)
                        .servlet("/app/*", new TestApp())
                        // The limits are under test, not CSRF: these raw POSTs carry no token.
                        .filter(dev.armet.servlet.ArmetFilter.create(a -> a.noCsrf()))
                        .limits(
                            l ->
                                l.maxRequestHeaderBytes(2048)
                                    .maxUriBytes(512)
                                    .maxBodyBytes(1024)
                                    .maxParameters(10)
                                    .maxPartBytes(256)
                                    .headerTimeout(Duration.ofSeconds(1))
                                    .idleTimeout(Duration.ofSeconds(30)))
                        .allowRoot(true)
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
    tls = TestTls.trusting(server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static RawHttp.Response send(String request) throws IOException {
    RawHttp.Response response = RawHttp.sendTls(tls, server.httpsPort(), request);
    String lower = response.raw().toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("jetty", "exception", "\tat ", "caused by");
    assertThat(response.header("server")).isNull();
    return response;
  }

  static String post(String path, String contentType, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  @Test
  void withinEveryLimit_isServed() throws Exception {
    assertThat(send(post("/app/read", "application/octet-stream", "x".repeat(1000))).body())
        .isEqualTo("read 1000");
    assertThat(send(post("/app/params?a=1", "application/x-www-form-urlencoded", "b=2&c=3")).body())
        .isEqualTo("params 3");
  }

  @Test
  void headersTooLarge_431() throws Exception {
    assertThat(
            send("GET /app/ok HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "a".repeat(3000)
                    + "\r\n\r\n")
                .status())
        .isEqualTo(431);
  }

  @Test
  void uriTooLong_414() throws Exception {
    RawHttp.Response r =
        send(
            "GET /app/ok?q="
                + "a".repeat(600)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(r.status()).isEqualTo(414);
  }

  @Test
  void bodyTooLarge_413_withContentLengthAndChunked() throws Exception {
    RawHttp.Response r = send(post("/app/read", "application/octet-stream", "x".repeat(2000)));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).contains("413").hasSizeLessThan(1000);
    String chunk = "x".repeat(800);
    RawHttp.Response chunked =
        send(
            "POST /app/read HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n320\r\n"
                + chunk
                + "\r\n320\r\n"
                + chunk
                + "\r\n0\r\n\r\n");
    assertThat(chunked.status()).isEqualTo(413);
  }

  @Test
  void tooManyParameters_400_inFormAndQuery() throws Exception {
    StringBuilder form = new StringBuilder("f0=0");
    for (int i = 1; i <= 10; i++) {
      form.append("&f").append(i).append('=').append(i);
    }
    assertThat(
            send(post("/app/params", "application/x-www-form-urlencoded", form.toString()))
                .status())
        .isEqualTo(400);
    assertThat(
            send("GET /app/params?"
                    + form
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status())
        .isEqualTo(400);
  }

  @Test
  void multipart_tooManyParts_andPartTooLarge_400() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      many.append("--b\r\nContent-Disposition: form-data; name=\"p")
          .append(i)
          .append("\"\r\n\r\nv\r\n");
    }
    many.append("--b--\r\n");
    assertThat(
            send(post("/app/parts", "multipart/form-data; boundary=b", many.toString())).status())
        .isEqualTo(400);
    String big =
        "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n\r\n"
            + "y".repeat(300)
            + "\r\n--b--\r\n";
    assertThat(send(post("/app/parts", "multipart/form-data; boundary=b", big)).status())
        .isIn(400, 413);
    String fine = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nsmall\r\n--b--\r\n";
    assertThat(send(post("/app/parts", "multipart/form-data; boundary=b", fine)).body())
        .isEqualTo("parts 1");
  }

  @Test
  void slowHeaders_closedByTheHeaderTimeout_wellBeforeTheIdleTimeout() throws Exception {
    ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
      socket.setSoTimeout(15_000);
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      // Slowloris: one more header line every 200 ms, so the connection is never idle.
      drip.scheduleAtFixedRate(
          () -> {
            try {
              socket.getOutputStream().write("X-Drip: 1\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
              // the server closed it: what the test waits for
            }
          },
          200,
          200,
          TimeUnit.MILLISECONDS);
      InputStream in = socket.getInputStream();
      try {
        assertThat(in.read()).as("closed without a response").isEqualTo(-1);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("still open after 15 s of slow headers", e);
      } catch (IOException reset) {
        // a reset is a close too
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      drip.shutdownNow();
    }
  }

  @Test
  void trace_isRefused() throws Exception {
    assertThat(
            send("TRACE /app/ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status())
        .isEqualTo(405);
  }
}
