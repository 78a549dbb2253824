package dev.armet.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts the Redis commands (network round trips) one signed-in request of {@code armet-full-redis}
 * costs: Redis's {@code MONITOR}, filtered on this run's own key prefix (so other clients of a
 * shared Redis do not count) and leaving out the commands scripts run inside Redis.
 *
 * <pre>
 * java -cp armet-bench/target/benchmarks.jar dev.armet.bench.RedisCommandsPerRequest [requests]
 * </pre>
 */
public final class RedisCommandsPerRequest {
  private RedisCommandsPerRequest() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String prefix = "armet-bench-count-" + UUID.randomUUID() + ":";
    System.setProperty("armet.bench.redis.prefix", prefix);
    URI redis = URI.create(System.getProperty("armet.bench.redis", "redis://127.0.0.1:6379/0"));
    try (Target t = Target.start("armet-full-redis");
        Socket monitor = new Socket(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        HttpClient client = HttpClient.newHttpClient()) {
      FullCheck.prepare(t);
      FullCheck.verify(t);
      OutputStream out = monitor.getOutputStream();
      out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
      in.readLine(); // +OK
      HttpRequest get =
          HttpRequest.newBuilder(URI.create(t.url())).header("Cookie", t.cookie()).build();
      for (int i = 0; i < requests; i++) {
        HttpResponse<String> res = client.send(get, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200 || !FullStack.SIGNED_IN.equals(res.body())) {
          throw new IllegalStateException(
              "request " + i + " answered " + res.statusCode() + " " + res.body());
        }
      }
      String marker = "armet-bench-end-" + UUID.randomUUID();
      try (Socket s = new Socket(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())) {
        s.getOutputStream().write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.getInputStream().read();
      }
      Map<String, Integer> counts = new TreeMap<>();
      String line;
      while ((line = in.readLine()) != null && !line.contains(marker)) {
        if (!line.contains(prefix) || line.contains(" lua] ")) {
          continue; // another client's, or run inside a script (not a round trip)
        }
        int q = line.indexOf('"');
        String command = line.substring(q + 1, line.indexOf('"', q + 1)).toLowerCase(Locale.ROOT);
        counts.merge(command, 1, Integer::sum);
      }
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf(
          Locale.ROOT,
          "%d signed-in requests: %d Redis commands from the client, %.2f per request %s%n",
          requests,
          total,
          total / (double) requests,
          counts);
    }
  }
}
