package dev.armet.cli;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheckReport;
import dev.armet.check.Severity;
import dev.armet.server.ArmetServer;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armet doctor}: prints every finding of the start-up self-check (TLS, certificate, headers,
 * user, limits, and every registered component) with its severity and fix, without starting
 * anything.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Runs the start-up self-check of 'armet serve' for the same configuration and prints every finding",
      "with its severity and fix. In production, each ERROR would stop the server from starting."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no error-level finding",
      "1:at least one error-level finding",
      "2:usage or configuration error"
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions options;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  String format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("json")) {
      err.println("armet: --format must be text or json, was '" + format + "'");
      return Main.USAGE;
    }
    Optional<ArmetServer> created = options.create(err);
    if (created.isEmpty()) {
      return Main.USAGE;
    }
    ArmetServer server = created.get();
    SelfCheckReport report = server.selfCheck();
    // The server never starts here, so nothing else closes the store it opened.
    for (AutoCloseable resource : server.config().closeOnStop()) {
      try {
        resource.close();
      } catch (Exception e) {
        err.println("armet: closing " + resource + " failed: " + e.getMessage());
      }
    }
    if (format.equals("json")) {
      out.println(json(server, report));
    } else {
      out.printf("armet doctor: %s mode%n", server.environment());
      for (Finding f : report.findings()) {
        out.printf("%-7s %-12s %s%n", f.severity(), f.topic(), f.message());
        if (!f.fix().isEmpty()) {
          out.printf("%-20s fix: %s%n", "", f.fix());
        }
      }
      long errors = report.errors().size();
      long warnings =
          report.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
      out.printf(
          "%d error(s), %d warning(s)%s%n",
          errors,
          warnings,
          errors > 0 && server.environment().isProduction()
              ? ": the server would refuse to start"
              : "");
    }
    out.flush();
    return report.hasErrors() ? Main.FAILURE : Main.OK;
  }

  private static String json(ArmetServer server, SelfCheckReport report) {
    StringBuilder out =
        new StringBuilder("{\"mode\":")
            .append(quote(server.environment().value()))
            .append(",\"findings\":[");
    String sep = "";
    for (Finding f : report.findings()) {
      out.append(sep)
          .append("{\"severity\":")
          .append(quote(f.severity().name()))
          .append(",\"topic\":")
          .append(quote(f.topic()))
          .append(",\"message\":")
          .append(quote(f.message()))
          .append(",\"fix\":")
          .append(quote(f.fix()))
          .append('}');
      sep = ",";
    }
    return out.append("]}").toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
