package dev.armet.deps;

import dev.armet.deps.internal.CycloneDxWriter;
import dev.armet.deps.internal.JsonReportWriter;
import dev.armet.deps.internal.SarifWriter;
import dev.armet.deps.internal.TextReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * How a report is written. Every format carries the data's age, every finding's fix, and what was
 * suppressed and why (SARIF as result suppressions, CycloneDX as VEX analysis states).
 */
public enum ReportFormat {
  /** For people: one block per finding, worst first. */
  TEXT,
  /** Armet's own JSON (fields documented in docs/deps.md). */
  JSON,
  /** SARIF 2.1.0, for code-scanning dashboards. */
  SARIF,
  /** A CycloneDX 1.5 JSON SBOM with its vulnerabilities and each one's VEX analysis. */
  CYCLONEDX;

  public void write(AuditReport report, Writer out) throws IOException {
    switch (this) {
      case TEXT -> TextReportWriter.write(report, out);
      case JSON -> JsonReportWriter.write(report, out);
      case SARIF -> SarifWriter.write(report, out);
      case CYCLONEDX -> CycloneDxWriter.write(report, out);
    }
    out.flush();
  }

  public static ReportFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format must be text, json, sarif or cyclonedx; was '" + text + "'", e);
    }
  }
}
