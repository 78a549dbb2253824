package dev.armet.regex;

/** How the engine's work grows with the input length, as measured on the running JDK. */
public enum Complexity {
  CONSTANT,
  LINEAR,
  POLYNOMIAL,
  EXPONENTIAL;

  /**
   * The JSON/CLI name: {@code constant}, {@code linear}, {@code polynomial}, {@code exponential}.
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
