package dev.armet.check;

/** How much a {@link Finding} matters. At start-up in production, {@link #ERROR} is fatal. */
public enum Severity {
  /** Informational: what is configured, nothing to do. */
  INFO,
  /** Works, but weaker than it should be; fix before going to production. */
  WARNING,
  /** Unsafe: refused at start-up in production, reported in development. */
  ERROR
}
