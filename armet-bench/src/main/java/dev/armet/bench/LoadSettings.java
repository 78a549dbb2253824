package dev.armet.bench;

import java.util.List;

/**
 * How the load benchmark runs.
 *
 * @param rounds measured rounds; each round loads every target once, order alternating
 * @param seconds length of one measured run
 * @param warmupSeconds length of the unmeasured run per target before the first round
 * @param threads load-generator threads
 * @param connections keep-alive connections held open
 * @param targets the targets to load, the first being the baseline of the ratios
 */
record LoadSettings(
    int rounds,
    int seconds,
    int warmupSeconds,
    int threads,
    int connections,
    List<String> targets) {
  static final List<String> DEFAULT_TARGETS = List.of("bare", "armet", "armet+nonce");

  static LoadSettings parse(String[] args) {
    int rounds = 5;
    int seconds = 10;
    int warmup = 10;
    int threads = 2;
    int connections = 50;
    List<String> targets = DEFAULT_TARGETS;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--rounds" -> rounds = positive(args[i], value);
        case "--seconds" -> seconds = positive(args[i], value);
        case "--warmup" -> warmup = positive(args[i], value);
        case "--threads" -> threads = positive(args[i], value);
        case "--connections" -> connections = positive(args[i], value);
        case "--targets" -> targets = targets(value);
        case "--java-client" -> {
          continue;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --rounds N --seconds N --warmup N --threads N --connections N"
                    + " --targets bare,armet,... --java-client");
      }
      i++;
    }
    return new LoadSettings(rounds, seconds, warmup, threads, connections, targets);
  }

  private static List<String> targets(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--targets needs a comma-separated list, e.g. bare,armet");
    }
    List<String> names = List.of(value.split(","));
    if (names.size() < 2) {
      throw new IllegalArgumentException(
          "--targets needs a baseline and at least one other, was " + value);
    }
    return names;
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive number, was " + value);
  }
}
