package dev.armet.deps;

import java.util.Locale;

/**
 * How bad an advisory is, from its CVSS v3 base score (scored by Armet) or, failing that, the
 * database's own rating (GHSA's {@code database_specific.severity}).
 *
 * <p>{@link #UNKNOWN} is an advisory that states neither: for {@code --fail-on} it counts as {@link
 * #HIGH} (fail closed), so a rating missing from the data never silences a finding.
 */
public enum Severity {
  NONE,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL,
  UNKNOWN;

  /** The rank used for thresholds; {@link #UNKNOWN} ranks as {@link #HIGH}. */
  public int rank() {
    return this == UNKNOWN ? HIGH.ordinal() : ordinal();
  }

  /**
   * True when this severity is at or above {@code threshold} ({@link #NONE} as a threshold never
   * trips).
   */
  public boolean atLeast(Severity threshold) {
    return threshold != NONE && rank() >= threshold.rank();
  }

  /**
   * The CVSS v3 qualitative rating of a base score (0.0 none, 0.1-3.9 low, … 9.0-10.0 critical).
   */
  public static Severity ofScore(double score) {
    if (score >= 9.0) return CRITICAL;
    if (score >= 7.0) return HIGH;
    if (score >= 4.0) return MEDIUM;
    if (score > 0.0) return LOW;
    return NONE;
  }

  /** Parses {@code critical|high|medium|moderate|low|none} (any case); throws on anything else. */
  public static Severity parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("MODERATE")) return MEDIUM;
    try {
      return valueOf(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "severity must be one of critical, high, medium, low, none; was '" + text + "'", e);
    }
  }

  /** Lower-case name, as written in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
