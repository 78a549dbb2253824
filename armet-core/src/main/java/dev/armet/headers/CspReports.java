package dev.armet.headers;

import java.util.List;
import java.util.Set;

/**
 * Reads CSP violation reports: {@code application/csp-report} (CSP2 {@code report-uri}) and
 * {@code application/reports+json} (Reporting API, CSP3 {@code report-to}).
 */
public final class CspReports {
  private static final Set<String> MEDIA_TYPES =
      Set.of("application/csp-report", "application/reports+json", "application/json");

  private CspReports() {}

  /** Whether a body of this media type (lower-case, no parameters) may hold reports. */
  public static boolean acceptsMediaType(String mediaType) {
    return MEDIA_TYPES.contains(mediaType);
  }

  /**
   * The violations in a report body; empty when the body is not a well-formed report. Never
   * throws on client input.
   */
  public static List<CspViolation> parse(String mediaType, byte[] body) {
    return List.of();
  }
}
