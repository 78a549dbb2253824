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

  /**
   * redis-benchmark running the very script, with the same numbers, on as many clients. Armet sends
   * them as one binary argument (NUL bytes included), which redis-benchmark's arguments cannot
   * hold, so it sends the script's decimal form (one argument per number), which costs Redis a
   * little more per call: the comparison leans, slightly, Armet's way.
   */
  String equivalentBenchmark(String prefix, int clients) throws Exception {
    String sha = command("SCRIPT", "LOAD", script()).trim();
    return "redis-benchmark -h "
        + host
        + " -p "
        + port
        + " -c "
        + clients
        + " -n 300000 -r 10000 "
        + "evalsha "
        + sha
        + " 1 '"
        + prefix
        + ":{"
        + prefix
        + ":rl}bench:k__rand_int__' CONSUME '' 0 "
        // the one rule: bucket, 1,000,000 per minute (µs), no block, not a dry run, 1 point
        + "0 1000000 60000000 0 0 1";
  }

  private static String script() throws Exception {
    try (var in = dev.armet.redis.RedisStores.class.getResourceAsStream("ratelimit.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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
