package dev.armet.csrf;

/**
 * How one CSRF layer acts on what it finds. {@link #REPORT_ONLY} lets a team roll a layer out on a
 * live application: every request it would refuse is recorded as a {@code malicious_csrf} security
 * event (disposition {@code report_only}) and then allowed, so the logs show what enforcing would
 * break.
 */
public enum Enforcement {
  /** Refuse requests that fail this layer (the default for every layer). */
  ENFORCE,
  /** Record requests that fail this layer, refuse nothing. */
  REPORT_ONLY,
  /** Skip this layer. */
  OFF
}
