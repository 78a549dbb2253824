package dev.armet.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;

/**
 * Full TLS 1.3 handshakes per second from client threads in this JVM: each iteration opens a new
 * connection, handshakes, optionally sends one request and reads the answer to the end, closes, and
 * then drops every session its client context cached (tickets included), so that the next handshake
 * is never a resumption.
 */
final class TlsHandshakes {
  private TlsHandshakes() {}

  /**
   * @param contexts one client context per thread (no thread resumes another's session)
   * @param groups the named groups to offer, or null for the JDK's defaults
   * @param request bytes sent on each connection (ending with {@code Connection: close}), or null
   */
  static double perSecond(
      Supplier<SSLContext> contexts,
      int port,
      List<String> groups,
      byte[] request,
      int threads,
      int seconds)
      throws Exception {
    LongAdder done = new LongAdder();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      SSLContext tls = contexts.get();
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() < end) {
                        connect(tls, port, groups, request);
                        done.increment();
                      }
                    } catch (Exception | Error e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a handshake failed", failures.get(0));
    }
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }

  private static void connect(SSLContext tls, int port, List<String> groups, byte[] request)
      throws Exception {
    try (Socket raw = new Socket()) {
      // Without it Nagle holds the request behind the unacknowledged Finished: +40 ms each.
      raw.setTcpNoDelay(true);
      raw.connect(new InetSocketAddress("127.0.0.1", port));
      try (SSLSocket s =
          (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", port, true)) {
        SSLParameters p = s.getSSLParameters();
        if (groups != null) {
          p.setNamedGroups(groups.toArray(String[]::new));
        }
        p.setProtocols(new String[] {"TLSv1.3"});
        s.setSSLParameters(p);
        s.startHandshake();
        if (request != null) {
          s.getOutputStream().write(request);
          s.getOutputStream().flush();
          InputStream in = s.getInputStream();
          byte[] buffer = new byte[4096];
          int first = in.read(buffer);
          if (first < 12
              || !new String(buffer, 0, 12, java.nio.charset.StandardCharsets.US_ASCII)
                  .equals("HTTP/1.1 200")) {
            throw new IllegalStateException("the request on a new connection was not answered 200");
          }
          while (in.read(buffer) >= 0) {
            // to the end: the server closes after the answer
          }
        }
        s.getSession().invalidate();
      }
    }
    forget(tls.getClientSessionContext());
  }

  /** Invalidating a session removes it from the cache, by id and by host. */
  private static void forget(SSLSessionContext sessions) {
    for (var ids = sessions.getIds(); ids.hasMoreElements(); ) {
      var session = sessions.getSession(ids.nextElement());
      if (session != null) {
        session.invalidate();
      }
    }
  }
}
