package dev.armet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code armet} command.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILURE} run-time failure (a port in use, an
 * unreadable data folder); {@value #USAGE} usage or configuration error (unknown option, bad value,
 * invalid {@code ARMET_ENV}). Killed by a signal, the JVM exits with 128 + the signal number (130
 * for Ctrl-C, 143 for SIGTERM) after stopping gracefully.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line; returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(new ArmetCommand());
    line.setOut(out);
    line.setErr(err);
    // Picocli answers usage errors with 2 itself; an exception escaping a verb is a failure,
    // unless it is a configuration value the builder refused.
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("armet: " + e.getMessage());
          return e instanceof IllegalArgumentException ? USAGE : FAILURE;
        });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
