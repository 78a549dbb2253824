package dev.armet.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Under {@code --tls} / {@code --h2}: full TLS 1.3 handshakes per second against the baseline and
 * {@code armet-full} (or the second target when armet-full is not loaded), each connection carrying
 * one signed-in {@code GET /} with {@code Connection: close}, so that a new visitor's first request
 * is measured, handshake included. Rounds alternate the order, as the load's do.
 */
final class HandshakeComparison {
  private HandshakeComparison() {}

  /** Runs the comparison and returns it as a paragraph and a Markdown table. */
  static String run(List<Target> targets, BenchTls tls, LoadSettings s) throws Exception {
    List<Target> pair = new ArrayList<>(List.of(targets.get(0)));
    pair.add(
        targets.stream()
            .filter(t -> t.name().equals("armet-full"))
            .findFirst()
            .orElse(targets.get(1)));
    int warmup = Math.min(s.warmupSeconds(), s.seconds());
    for (Target t : pair) {
      rate(t, tls, s, warmup);
    }
    double[][] rates = new double[pair.size()][s.rounds()];
    for (int r = 0; r < s.rounds(); r++) {
      for (int k = 0; k < pair.size(); k++) {
        int i = r % 2 == 0 ? k : pair.size() - 1 - k;
        rates[i][r] = rate(pair.get(i), tls, s, s.seconds());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "TLS 1.3 full handshakes (no resumption; a new connection per signed-in GET / with"
                + " Connection: close, HTTP/1.1), %d client threads in this JVM (SunJSSE), %d"
                + " rounds × %d s after a %d s warm-up:%n%n",
            s.threads(),
            s.rounds(),
            s.seconds(),
            warmup));
    String base = pair.get(0).name();
    out.append("| target | median handshakes/s (min–max) | / ").append(base).append(" |\n");
    out.append("|---|---:|---:|\n");
    for (int i = 0; i < pair.size(); i++) {
      double[] ratio = new double[s.rounds()];
      for (int r = 0; r < ratio.length; r++) {
        ratio[r] = rates[i][r] / rates[0][r];
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f (%,.0f–%,.0f) | %.3f |%n",
              pair.get(i).name(),
              LoadBenchmark.median(rates[i]),
              Arrays.stream(rates[i]).min().orElse(Double.NaN),
              Arrays.stream(rates[i]).max().orElse(Double.NaN),
              LoadBenchmark.median(ratio)));
    }
    return out.toString();
  }

  private static double rate(Target t, BenchTls tls, LoadSettings s, int seconds) throws Exception {
    String request =
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:"
            + t.port()
            + "\r\n"
            + (t.cookie() == null ? "" : "Cookie: " + t.cookie() + "\r\n")
            + "Connection: close\r\n\r\n";
    byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
    return TlsHandshakes.perSecond(
        () -> {
          try {
            return tls.clientContext();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        t.port(),
        null,
        bytes,
        s.threads(),
        seconds);
  }
}
