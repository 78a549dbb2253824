package dev.armet.audit.internal;

import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import dev.armet.audit.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JUnit XML for CI dashboards: a test suite per URL, a test case per finding (failed unless info),
 * and one passing case carrying the grade.
 */
public final class JunitReport {
  private JunitReport() {}

  public static void write(List<Report> reports, Writer out) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"armet-audit\">\n");
    for (Report r : reports) {
      long failures = r.findings().stream().filter(f -> f.severity() != Severity.INFO).count();
      sb.append("  <testsuite name=\"")
          .append(xml(r.url()))
          .append("\" tests=\"")
          .append(r.findings().size() + 1)
          .append("\" failures=\"")
          .append(failures)
          .append("\">\n");
      sb.append("    <testcase classname=\"armet.audit\" name=\"grade ")
          .append(xml(r.grade()))
          .append(" (Observatory ")
          .append(xml(String.valueOf(r.observatory().grade())))
          .append(")\"/>\n");
      for (Finding f : r.findings()) {
        sb.append("    <testcase classname=\"armet.audit.")
            .append(xml(f.severity().jsonName()))
            .append("\" name=\"")
            .append(xml(f.id()))
            .append("\">");
        if (f.severity() != Severity.INFO) {
          sb.append("<failure type=\"")
              .append(xml(f.severity().jsonName()))
              .append("\" message=\"")
              .append(xml(f.title()))
              .append("\">")
              .append(xml("evidence: " + f.evidence() + "\nfix: " + f.fix()))
              .append("</failure>");
        }
        sb.append("</testcase>\n");
      }
      sb.append("  </testsuite>\n");
    }
    out.write(sb.append("</testsuites>\n").toString());
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
