package dev.armet.deps.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CVSS v3.1 base score of a vector ({@code CVSS:3.1/AV:N/AC:L/...}), per the FIRST
 * specification, section 7.1 and Appendix A (Roundup). v3.0 vectors are scored with the same
 * formula. A vector missing a base metric, or with an unknown value, has no score.
 */
public final class Cvss3 {
  private Cvss3() {}

  public static Optional<Double> baseScore(String vector) {
    if (vector == null || !vector.startsWith("CVSS:3.")) {
      return Optional.empty();
    }
    Map<String, String> m = new HashMap<>();
    String[] parts = vector.split("/");
    for (int i = 1; i < parts.length; i++) {
      int colon = parts[i].indexOf(':');
      if (colon > 0) {
        m.put(parts[i].substring(0, colon), parts[i].substring(colon + 1));
      }
    }
    try {
      boolean changed = scope(m.get("S"));
      double iss = 1 - (1 - cia(m.get("C"))) * (1 - cia(m.get("I"))) * (1 - cia(m.get("A")));
      double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
      double exploitability =
          8.22 * av(m.get("AV")) * ac(m.get("AC")) * pr(m.get("PR"), changed) * ui(m.get("UI"));
      if (impact <= 0) {
        return Optional.of(0.0);
      }
      double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
      return Optional.of(roundUp(Math.min(sum, 10)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Appendix A: the smallest number with one decimal that is at least {@code x}, float-safe. */
  static double roundUp(double x) {
    long scaled = Math.round(x * 100_000);
    if (scaled % 10_000 == 0) {
      return scaled / 100_000.0;
    }
    return (Math.floorDiv(scaled, 10_000) + 1) / 10.0;
  }

  private static boolean scope(String s) {
    if ("U".equals(s)) return false;
    if ("C".equals(s)) return true;
    throw new IllegalArgumentException("S");
  }

  private static double cia(String v) {
    return pick(v, "H", 0.56, "L", 0.22, "N", 0);
  }

  private static double av(String v) {
    if ("P".equals(v)) return 0.2;
    return pick(v, "N", 0.85, "A", 0.62, "L", 0.55);
  }

  private static double ac(String v) {
    return pick(v, "L", 0.77, "H", 0.44, "-", 0);
  }

  private static double pr(String v, boolean changed) {
    return pick(v, "N", 0.85, "L", changed ? 0.68 : 0.62, "H", changed ? 0.5 : 0.27);
  }

  private static double ui(String v) {
    return pick(v, "N", 0.85, "R", 0.62, "-", 0);
  }

  private static double pick(
      String v, String k1, double v1, String k2, double v2, String k3, double v3) {
    if (k1.equals(v)) return v1;
    if (k2.equals(v)) return v2;
    if (k3.equals(v)) return v3;
    throw new IllegalArgumentException(String.valueOf(v));
  }
}
