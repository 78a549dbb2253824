package dev.armet.audit;

import java.util.Objects;

/**
 * One thing the audit found.
 *
 * @param id stable identifier (e.g. {@code hsts-missing}); baselines and SARIF rules key on it
 * @param severity how much it matters
 * @param title one line for a person
 * @param evidence the header or response excerpt that shows it (at most a few hundred characters)
 * @param fix what to change, for the stack the responses revealed
 */
public record Finding(String id, Severity severity, String title, String evidence, String fix) {
  private static final int MAX_EVIDENCE = 300;

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    evidence = evidence == null ? "" : clip(evidence);
    fix = fix == null ? "" : fix;
  }

  private static String clip(String text) {
    String oneLine = text.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() <= MAX_EVIDENCE ? oneLine : oneLine.substring(0, MAX_EVIDENCE) + "…";
  }
}
