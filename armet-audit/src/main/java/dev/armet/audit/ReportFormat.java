package dev.armet.audit;

import dev.armet.audit.internal.HtmlReport;
import dev.armet.audit.internal.JsonReport;
import dev.armet.audit.internal.JunitReport;
import dev.armet.audit.internal.SarifReport;
import dev.armet.audit.internal.TextReport;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How reports are written. JSON follows docs/audit-report.schema.json; SARIF is 2.1.0 (one rule per
 * finding id); JUnit XML has one test case per finding (failed unless info); HTML is one
 * self-contained page with a strict CSP and no external asset.
 */
public enum ReportFormat {
  TEXT,
  JSON,
  HTML,
  SARIF,
  JUNIT;

  /**
   * Parses {@code text|json|html|sarif|junit}.
   *
   * @throws IllegalArgumentException naming the accepted formats
   */
  public static ReportFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "format must be one of "
              + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()
              + ", was '"
              + name
              + "'",
          e);
    }
  }

  /** Writes the reports (one per audited URL) as one document. */
  public void write(List<Report> reports, Writer out) throws IOException {
    switch (this) {
      case TEXT -> TextReport.write(reports, out);
      case JSON -> JsonReport.write(reports, out);
      case HTML -> HtmlReport.write(reports, out);
      case SARIF -> SarifReport.write(reports, out);
      case JUNIT -> JunitReport.write(reports, out);
    }
    out.flush();
  }
}
