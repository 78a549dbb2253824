package dev.armet.env;

import java.util.Locale;
import java.util.Map;

/**
 * The mode Armet runs in, read from {@code ARMET_ENV} (Armet's {@code NODE_ENV}).
 *
 * <p>{@link #DEVELOPMENT} shows detailed errors and tolerates conveniences (generated secrets,
 * in-memory stores, self-signed certificates) with a warning. {@link #PRODUCTION} fails closed:
 * anything unsafe is a start-up error naming the setting and its fix.
 *
 * <pre>{@code
 * ArmetEnvironment env = ArmetEnvironment.fromEnvironment();
 * if (env.isProduction()) { ... }
 * }</pre>
 */
public enum ArmetEnvironment {
  DEVELOPMENT("development"),
  PRODUCTION("production");

  /** The environment variable that selects the mode. */
  public static final String VARIABLE = "ARMET_ENV";

  private final String value;

  ArmetEnvironment(String value) {
    this.value = value;
  }

  /** The value as written in {@code ARMET_ENV}. */
  public String value() {
    return value;
  }

  public boolean isProduction() {
    return this == PRODUCTION;
  }

  /** Reads {@code ARMET_ENV} from the process environment; unset means {@code fallback}. */
  public static ArmetEnvironment fromEnvironment(ArmetEnvironment fallback) {
    return from(System.getenv(), fallback);
  }

  /** Reads {@code ARMET_ENV} from the given map; unset or blank means {@code fallback}. */
  public static ArmetEnvironment from(Map<String, String> env, ArmetEnvironment fallback) {
    String raw = env.get(VARIABLE);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    return parse(raw);
  }

  /**
   * Parses a mode name; {@code dev}/{@code prod} are accepted as short forms.
   *
   * @throws IllegalArgumentException naming {@code ARMET_ENV} and the accepted values
   */
  public static ArmetEnvironment parse(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "development":
      case "dev":
        return DEVELOPMENT;
      case "production":
      case "prod":
        return PRODUCTION;
      default:
        throw new IllegalArgumentException(
            VARIABLE + " must be 'development' or 'production', was '" + raw.strip() + "'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
