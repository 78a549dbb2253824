package dev.armet.deps.internal;

import dev.armet.deps.AuditReport;
import dev.armet.deps.Finding;
import dev.armet.deps.Severity;
import dev.armet.deps.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text report: a header with the data's age, one block per finding, then the tally. */
public final class TextReportWriter {
  private TextReportWriter() {}

  public static void write(AuditReport r, Writer out) throws IOException {
    out.write(
        "armet deps: " + r.dependencyCount() + " dependencies from " + r.inventorySource() + "\n");
    out.write(
        "OSV data: "
            + r.dataSource()
            + ", retrieved "
            + r.dataRetrievedAt()
            + " ("
            + ageText(r)
            + " old)\n");
    for (String p : r.dataProblems()) {
      out.write("unreadable record: " + p + "\n");
    }
    List<Finding> active = r.active();
    for (Finding f : active) {
      block(f, out);
    }
    List<Finding> suppressed = r.findings().stream().filter(Finding::suppressed).toList();
    if (!suppressed.isEmpty()) {
      out.write("\nsuppressed (" + suppressed.size() + "):\n");
      for (Finding f : suppressed) {
        Suppression s = f.suppression().orElseThrow();
        out.write(
            "  "
                + f.dependency().gav()
                + " "
                + String.join(", ", f.ids())
                + " until "
                + s.expires()
                + ": "
                + s.reason()
                + "\n");
      }
    }
    for (Suppression s : r.expiredSuppressions()) {
      out.write(
          "expired suppression: "
              + s.advisoryId()
              + s.coordinate().map(c -> " " + c).orElse("")
              + " ended "
              + s.expires()
              + " ("
              + s.reason()
              + "); it hides nothing now\n");
    }
    out.write("\n" + tally(active) + "\n");
  }

  private static void block(Finding f, Writer out) throws IOException {
    out.write(
        "\n"
            + f.severity().name()
            + "  "
            + f.dependency().gav()
            + "  "
            + f.ids().get(0)
            + (f.ids().size() > 1
                ? " (" + String.join(", ", f.ids().subList(1, f.ids().size())) + ")"
                : "")
            + "\n");
    out.write("  " + f.summary() + "\n");
    for (List<String> path : f.paths()) {
      out.write("  path: " + String.join(" > ", path) + "\n");
    }
    out.write(
        "  fixed in: "
            + f.smallestFixed().orElse("no fixed version yet")
            + f.newestFixed()
                .filter(n -> !n.equals(f.smallestFixed().orElse("")))
                .map(n -> " (newest fix " + n + ")")
                .orElse("")
            + "\n");
    out.write("  fix: " + f.fix().describe() + "\n");
    if (f.unreferenced()) {
      out.write(
          "  unreferenced: none of the application's classes refers to this artifact's classes"
              + " (a hint for triage, not a sign it is safe)\n");
    }
  }

  static String ageText(AuditReport r) {
    long hours = r.dataAge().toHours();
    return hours < 48 ? hours + " hours" : hours / 24 + " days";
  }

  static String tally(List<Finding> active) {
    if (active.isEmpty()) {
      return "no known vulnerabilities";
    }
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    active.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    StringBuilder s =
        new StringBuilder(
            active.size() + (active.size() == 1 ? " vulnerability: " : " vulnerabilities: "));
    String sep = "";
    for (Severity sev :
        List.of(
            Severity.CRITICAL,
            Severity.HIGH,
            Severity.MEDIUM,
            Severity.LOW,
            Severity.UNKNOWN,
            Severity.NONE)) {
      if (counts.containsKey(sev)) {
        s.append(sep)
            .append(counts.get(sev))
            .append(' ')
            .append(sev.name().toLowerCase(Locale.ROOT));
        sep = ", ";
      }
    }
    return s.toString();
  }
}
