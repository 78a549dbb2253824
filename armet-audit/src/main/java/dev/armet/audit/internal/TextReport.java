package dev.armet.audit.internal;

import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The report for a terminal: grade line, findings worst first with their fixes, TLS summary. */
public final class TextReport {
  private TextReport() {}

  public static void write(List<Report> reports, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Report r : reports) {
      sb.append("armet audit ").append(r.url()).append('\n');
      sb.append(
          String.format(
              Locale.ROOT,
              "  Armet grade %s (%d/100)   Observatory %s (%s, algorithm v%d)   stack: %s, %d requests%n",
              r.grade(),
              r.score(),
              r.observatory().grade() == null ? "n/a" : r.observatory().grade(),
              r.observatory().score() == null ? "n/a" : r.observatory().score(),
              r.observatory().algorithmVersion(),
              r.stack(),
              r.requests()));
      String why = GradeDifference.explain(r);
      if (!why.isEmpty()) {
        sb.append("  ").append(why).append('\n');
      }
      for (Finding f : r.findings()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-8s %s%n",
                f.severity().jsonName().toUpperCase(Locale.ROOT),
                f.title()));
        sb.append("           id: ").append(f.id()).append('\n');
        if (!f.evidence().isEmpty()) {
          sb.append("           evidence: ").append(f.evidence()).append('\n');
        }
        if (!f.fix().isEmpty()) {
          sb.append("           fix: ").append(f.fix()).append('\n');
        }
      }
      if (!r.tls().protocols().isEmpty()) {
        sb.append("  TLS: ")
            .append(String.join(" ", r.tls().protocols()))
            .append("; Mozilla profile ")
            .append(r.tls().mozillaProfile())
            .append("; ALPN ")
            .append(r.tls().alpn())
            .append('\n');
        sb.append("  suites: ").append(String.join(" ", r.tls().suites())).append('\n');
        if (!r.tls().groups().isEmpty()) {
          sb.append("  groups: ").append(String.join(" ", r.tls().groups())).append('\n');
        }
        if (r.tls().negotiatedGroup() != null) {
          sb.append("  negotiated group (browser offer): ")
              .append(r.tls().negotiatedGroup())
              .append('\n');
        }
        sb.append("  certificate: ").append(r.tls().certificate()).append('\n');
      }
      sb.append('\n');
    }
    out.write(sb.toString());
  }
}
