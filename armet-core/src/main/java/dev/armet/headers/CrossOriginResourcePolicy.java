package dev.armet.headers;

/** {@code Cross-Origin-Resource-Policy} values (Fetch §3.6). Default: {@link #SAME_ORIGIN}. */
public enum CrossOriginResourcePolicy {
  SAME_ORIGIN("same-origin"),
  SAME_SITE("same-site"),
  CROSS_ORIGIN("cross-origin");

  private final String value;

  CrossOriginResourcePolicy(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return value;
  }
}
