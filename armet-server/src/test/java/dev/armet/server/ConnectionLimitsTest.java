package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection limit and the idle timeout, with real sockets. */
class ConnectionLimitsTest {
  static final String REQUEST = "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n";

  @TempDir Path dir;

  ArmetServer start(Consumer<RequestLimits.Builder> limits) throws IOException {
    return ArmetServer.create(
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(ArmetEnvironment.DEVELOPMENT)
                    .dataDirectory(dir)
                    .stopAtShutdown(false)
                    .limits(limits))
        .start();
  }

  @Test
  void beyondMaxConnections_aNewConnectionWaits_untilAnotherCloses() throws Exception {
    try (ArmetServer server = start(l -> l.maxConnections(2));
        Socket first = new Socket("127.0.0.1", server.httpPort());
        Socket second = new Socket("127.0.0.1", server.httpPort());
        Socket third = new Socket("127.0.0.1", server.httpPort())) {
      assertThat(statusLine(first)).contains(" 308 ");
      assertThat(statusLine(second)).contains(" 308 ");
      third.setSoTimeout(1500); // a bounded check that nothing answers while two are open
      third.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> third.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      first.close();
      third.setSoTimeout(30_000);
      assertThat(readLine(third.getInputStream())).contains(" 308 ");
    }
  }

  @Test
  void idleConnection_isClosedAfterTheIdleTimeout() throws Exception {
    try (ArmetServer server = start(l -> l.idleTimeout(Duration.ofSeconds(1)));
        Socket idle = new Socket("127.0.0.1", server.httpPort())) {
      assertThat(statusLine(idle)).contains(" 308 ");
      idle.setSoTimeout(30_000);
      long started = System.nanoTime();
      InputStream in = idle.getInputStream();
      while (in.read() >= 0) {
        // drain the rest of the first response; then the server closes the idle connection
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
  }

  private static String statusLine(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
    return readLine(socket.getInputStream());
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      line.append((char) b);
    }
    return line.toString();
  }
}
