package dev.armet.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fallback when {@code wrk} is not installed: one thread per keep-alive connection sending
 * {@code GET /} back to back (closed loop, like wrk), latency measured per request. It costs more
 * CPU per request than wrk, so compare its figures only with each other.
 */
final class SocketLoad implements LoadDriver {
  private static final byte[] REQUEST =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: armet-bench\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  @Override
  public String describe(LoadSettings s) {
    return "in-repo Java client, "
        + s.connections()
        + " keep-alive connections, "
        + s.seconds()
        + " s";
  }

  @Override
  public LoadResult run(String url, int port, LoadSettings s, int seconds)
      throws InterruptedException {
    return run(url, port, null, s, seconds);
  }

  @Override
  public LoadResult run(String url, int port, String cookie, LoadSettings s, int seconds)
      throws InterruptedException {
    byte[] request =
        cookie == null
            ? REQUEST
            : ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: armet-bench\r\nCookie: "
                    + cookie
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    LongAdder errors = new LongAdder();
    List<long[]> latencies = new ArrayList<>();
    int[] counts = new int[s.connections()];
    Thread[] workers = new Thread[s.connections()];
    for (int c = 0; c < workers.length; c++) {
      long[] mine = new long[1 << 20];
      latencies.add(mine);
      int index = c;
      workers[c] =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    counts[index] = loop(port, request, end, mine, errors);
                  });
    }
    long started = System.nanoTime();
    for (Thread t : workers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < counts.length; c++) {
      System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    double p99 = total == 0 ? Double.NaN : all[Math.min(total - 1, (int) (total * 0.99))] / 1e3;
    return new LoadResult(total / elapsed, p99, errors.sum());
  }

  private static int loop(int port, byte[] request, long end, long[] latencies, LongAdder errors) {
    int n = 0;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      while (System.nanoTime() < end && n < latencies.length) {
        long t0 = System.nanoTime();
        out.write(request);
        out.flush();
        if (!readResponse(in)) {
          errors.increment();
        }
        latencies[n++] = System.nanoTime() - t0;
      }
    } catch (IOException e) {
      errors.increment();
    }
    return n;
  }

  /** Reads one response (status line, headers, Content-Length body); true for a 2xx. */
  private static boolean readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    String status = null;
    long length = 0;
    while (true) {
      line.setLength(0);
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      if (line.isEmpty()) {
        break;
      }
      if (status == null) {
        status = line.toString();
      } else if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    in.skipNBytes(length);
    return status != null && status.startsWith("HTTP/1.1 2");
  }
}
