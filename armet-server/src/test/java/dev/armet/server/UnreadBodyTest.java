package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request answered before its body was read (here a CSRF refusal) still ends cleanly once the
 * client has sent the body: over HTTP/2 without a {@code RST_STREAM(CANCEL)}, on which the JDK's
 * HttpClient throws away the answer it already holds ("RST_STREAM received"), and over HTTP/1.1 on
 * a connection that stays open for the next request.
 */
class UnreadBodyTest {
  static final byte[] BODY = "name=forged&token=x".getBytes(StandardCharsets.US_ASCII);
  @TempDir static Path data;
  static ArmetServer server;

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
                        .allowRoot(true)
                        .limits(l -> l.bodyTimeout(Duration.ofSeconds(2)))
                        .tls(t -> TestCertificates.pemInto(t, data.resolve("pem"))))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /**
   * The client sends the body only once the whole answer has arrived, as happens whenever the
   * refusal is quicker than the client. The stream then ends with both sides closed, not reset.
   */
  @Test
  void http2_bodyArrivingAfterTheAnswer_theStreamEndsWithoutAReset() throws Exception {
    try (Http2Post post = Http2Post.open()) {
      assertThat(post.events.status.get(10, TimeUnit.SECONDS)).isEqualTo(403);
      post.events.answered.get(10, TimeUnit.SECONDS);
      post.stream
          .data(new DataFrame(post.stream.getId(), ByteBuffer.wrap(BODY), true))
          .get(10, TimeUnit.SECONDS);
      post.events.closed.get(10, TimeUnit.SECONDS);
      assertThat(post.events.reset).as("RST_STREAM error code").isNotDone();
    }
  }

  /** The wait for a body that never comes ends at limits.body-timeout, with the answer sent. */
  @Test
  void http2_bodyThatNeverArrives_theStreamIsEndedByTheBodyTimeout() throws Exception {
    try (Http2Post post = Http2Post.open()) {
      assertThat(post.events.status.get(10, TimeUnit.SECONDS)).isEqualTo(403);
      post.events.answered.get(10, TimeUnit.SECONDS);
      assertThat(post.events.reset.get(30, TimeUnit.SECONDS)).isNotNull();
      post.events.closed.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A cross-site form POST over HTTP/2 whose headers are sent and whose body is not: it goes out
   * when the test says, so the server answers a request whose body it has not seen, as it does
   * whenever the refusal is quicker than the client.
   */
  private record Http2Post(HTTP2Client client, Stream stream, StreamEvents events)
      implements AutoCloseable {
    static Http2Post open() throws Exception {
      HTTP2Client client = new HTTP2Client();
      SslContextFactory.Client tls = new SslContextFactory.Client();
      tls.setSslContext(TestTls.trusting(server.certificate()));
      client.addBean(tls);
      client.start();
      try {
        Session session =
            client
                .connect(
                    tls,
                    new InetSocketAddress("127.0.0.1", server.httpsPort()),
                    new Session.Listener() {})
                .get(10, TimeUnit.SECONDS);
        HttpFields.Mutable fields =
            HttpFields.build()
                .put("Content-Type", "application/x-www-form-urlencoded")
                .put("Sec-Fetch-Site", "cross-site")
                .put("Origin", "https://attacker.example");
        MetaData.Request post =
            new MetaData.Request(
                "POST",
                HttpURI.from("https://127.0.0.1:" + server.httpsPort() + "/app/ok"),
                HttpVersion.HTTP_2,
                fields,
                BODY.length);
        StreamEvents events = new StreamEvents();
        Stream stream =
            session
                .newStream(new HeadersFrame(post, null, false), events)
                .get(10, TimeUnit.SECONDS);
        return new Http2Post(client, stream, events);
      } catch (Exception e) {
        client.stop();
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      client.stop();
    }
  }

  /** What the server sends on one stream. */
  private static final class StreamEvents implements Stream.Listener {
    final CompletableFuture<Integer> status = new CompletableFuture<>();
    final CompletableFuture<Void> answered = new CompletableFuture<>();
    final CompletableFuture<Integer> reset = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
      if (frame.getMetaData() instanceof MetaData.Response response) {
        status.complete(response.getStatus());
      }
      if (frame.isEndStream()) {
        answered.complete(null);
      } else {
        stream.demand();
      }
    }

    @Override
    public void onDataAvailable(Stream stream) {
      Stream.Data data = stream.readData();
      if (data == null) {
        stream.demand();
        return;
      }
      boolean end = data.frame().isEndStream();
      data.release();
      if (end) {
        answered.complete(null);
      } else {
        stream.demand();
      }
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
      reset.complete(frame.getError());
      callback.succeeded();
    }

    @Override
    public void onClosed(Stream stream) {
      closed.complete(null);
    }
  }

  @Test
  void http11_bodyArrivingAfterTheRefusal_theConnectionServesTheNextRequest() throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            TestTls.trusting(server.certificate())
                .getSocketFactory()
                .createSocket("127.0.0.1", server.httpsPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      write(
          out,
          "POST /app/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/x-www-form-urlencoded\r\n"
              + "Sec-Fetch-Site: cross-site\r\nOrigin: https://attacker.example\r\n"
              + "Content-Length: "
              + BODY.length
              + "\r\n\r\n");
      String refused = RawHttp.readOne(in);
      assertThat(refused)
          .startsWith("HTTP/1.1 403 ")
          .doesNotContainIgnoringCase("connection: close");

      out.write(BODY);
      write(out, "GET /app/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(RawHttp.readOne(in)).startsWith("HTTP/1.1 200 ").endsWith("ok");
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
