package dev.armet.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Redis's own command counts ({@code INFO commandstats}) read over a plain socket, so the counting
 * adds nothing to the client under test. Commands a script runs inside (GET, SET, TIME) are counted
 * by Redis too but are not round trips; they are left out of "other".
 */
final class RedisRoundTrips {
  private static final Set<String> INSIDE_SCRIPTS =
      Set.of("get", "set", "del", "time", "info", "hset", "pexpire", "hmget");

  private final String host;
  private final int port;
  private final Map<String, Long> before;

  private RedisRoundTrips(String host, int port) throws Exception {
    this.host = host;
    this.port = port;
    this.before = stats();
  }

  static RedisRoundTrips start(String uri) throws Exception {
    URI u = URI.create(uri);
    return new RedisRoundTrips(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort());
  }

  long evalshaSince() throws Exception {
    return stats().getOrDefault("evalsha", 0L) - before.getOrDefault("evalsha", 0L);
  }

  Map<String, Long> otherClientCommandsSince() throws Exception {
    Map<String, Long> other = new HashMap<>();
    stats()
        .forEach(
            (k, v) -> {
              long d = v - before.getOrDefault(k, 0L);
              if (d > 0 && !k.equals("evalsha") && !INSIDE_SCRIPTS.contains(k)) {
                other.put(k, d);
              }
            });
    return other;
  }

  private Map<String, Long> stats() throws Exception {
    Map<String, Long> calls = new HashMap<>();
    for (String line : command("INFO", "commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String count = line.substring(line.indexOf("calls=") + 6);
        calls.put(
            line.substring(8, line.indexOf(':')),
            Long.parseLong(count.substring(0, count.indexOf(','))));
      }
    }
    return calls;
  }

  /** One RESP command; returns the bulk or simple-string reply. */
  private String command(String... parts) throws Exception {
    try (Socket s = new Socket(host, port)) {
      StringBuilder req = new StringBuilder("*" + parts.length + "\r\n");
      for (String p : parts) {
        req.append('$')
            .append(p.getBytes(StandardCharsets.UTF_8).length)
            .append("\r\n")
            .append(p)
            .append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String head = in.readLine();
      if (head.startsWith("+")) {
        return head.substring(1);
      }
      int len = Integer.parseInt(head.substring(1));
      char[] body = new char[len];
      int read = 0;
      while (read < len) {
        read += in.read(body, read, len - read); // ASCII replies: chars equal bytes
      }
      return new String(body);
    }
  }
}
