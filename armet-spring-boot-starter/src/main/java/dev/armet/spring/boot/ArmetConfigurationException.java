package dev.armet.spring.boot;

/**
 * Armet refused a setting at start-up; {@link ArmetFailureAnalyzer} turns it into Boot's
 * "APPLICATION FAILED TO START" text naming {@link #property()} and {@link #fix()}.
 */
public class ArmetConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String fix;

  public ArmetConfigurationException(String property, String message, String fix, Throwable cause) {
    super(property + ": " + message, cause);
    this.property = property;
    this.fix = fix;
  }

  /** The property (or environment variable) at fault, e.g. {@code armet.store}. */
  public String property() {
    return property;
  }

  /** What to change. */
  public String fix() {
    return fix;
  }
}
