package dev.armet.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The child side of {@link TargetProcess}: one Java target served in a JVM of its own, as a
 * production JVM serves one stack, so that the JIT's type profiles of Jetty's and the Servlet API's
 * shared code see that stack's types alone. Started as {@code TargetHost <target> <transport>
 * [<PKCS12 key store>]}; once serving, it writes {@code ready <port> <reads session> <has limiter>}
 * and then answers one line per request read on standard input: {@code counters} (this JVM's CPU
 * nanoseconds and allocated bytes), {@code decisions} (the limiter's count, or -1), {@code stop}
 * (or the end of input) stops it. Its protocol lines start with {@link #PREFIX}; anything else it
 * prints goes to standard error.
 */
public final class TargetHost {
  static final String PREFIX = "armet-bench-target ";

  private TargetHost() {}

  public static void main(String[] args) throws Exception {
    PrintStream protocol = System.out;
    System.setOut(System.err);
    String name = args[0];
    Transport transport = Transport.valueOf(args[1]);
    try (Target target = Target.start(name)) {
      if (transport.secure()) {
        target.serveTls(BenchTls.load(Path.of(args[2])), transport);
      }
      LongSupplier decisions = target.limiterDecisions();
      answer(
          protocol,
          "ready " + target.port() + " " + target.readsSession() + " " + (decisions != null));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        switch (line) {
          case "counters" -> {
            ServerCounters c = ServerCounters.now();
            answer(protocol, c.cpuNanos() + " " + c.allocatedBytes());
          }
          case "decisions" ->
              answer(protocol, Long.toString(decisions == null ? -1 : decisions.getAsLong()));
          case "stop" -> {
            return;
          }
          default -> answer(protocol, "unknown " + line);
        }
      }
    }
  }

  private static void answer(PrintStream protocol, String line) {
    protocol.println(PREFIX + line);
    protocol.flush();
  }
}
