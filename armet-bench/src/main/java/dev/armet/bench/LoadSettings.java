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
 * @param transport plain HTTP/1.1, {@code --tls} (HTTP/1.1 over TLS 1.3) or {@code --h2} (HTTP/2)
 * @param streams concurrent streams per HTTP/2 connection ({@code --streams}, h2load's {@code -m})
 */
record LoadSettings(
    int rounds,
    int seconds,
    int warmupSeconds,
    int threads,
    int connections,
    List<String> targets,
    Transport transport,
    int streams) {
  /** The plain-HTTP settings (what the harness measured before {@code --tls}). */
  LoadSettings(
      int rounds,
      int seconds,
      int warmupSeconds,
      int threads,
      int connections,
      List<String> targets) {
    this(rounds, seconds, warmupSeconds, threads, connections, targets, Transport.HTTP, 10);
  }

  static final List<String> DEFAULT_TARGETS = List.of("bare", "armet", "armet+nonce");

  static LoadSettings parse(String[] args) {
    int rounds = 5;
    int seconds = 10;
    int warmup = 10;
    int threads = 2;
    int connections = 50;
    List<String> targets = DEFAULT_TARGETS;
    Transport transport = Transport.HTTP;
    int streams = 10;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--rounds" -> rounds = positive(args[i], value);
        case "--seconds" -> seconds = positive(args[i], value);
        case "--warmup" -> warmup = positive(args[i], value);
        case "--threads" -> threads = positive(args[i], value);
        case "--connections" -> connections = positive(args[i], value);
        case "--targets" -> targets = targets(value);
        case "--streams" -> streams = positive(args[i], value);
        case "--tls", "--h2" -> {
          Transport t = args[i].equals("--tls") ? Transport.TLS : Transport.H2;
          if (transport != Transport.HTTP && transport != t) {
            throw new IllegalArgumentException("--tls and --h2 exclude each other");
          }
          transport = t;
          continue;
        }
        case "--java-client", "--same-jvm" -> {
          continue;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --rounds N --seconds N --warmup N --threads N --connections N"
                    + " --targets bare,armet,... --java-client --same-jvm --tls --h2 --streams N");
      }
      i++;
    }
    return new LoadSettings(
        rounds, seconds, warmup, threads, connections, targets, transport, streams);
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
