package dev.armet.headers;

/** {@code Cross-Origin-Opener-Policy} values (HTML §7.1.3). Default: {@link #SAME_ORIGIN}. */
public enum CrossOriginOpenerPolicy {
  SAME_ORIGIN("same-origin"),
  SAME_ORIGIN_ALLOW_POPUPS("same-origin-allow-popups"),
  NOOPENER_ALLOW_POPUPS("noopener-allow-popups"),
  UNSAFE_NONE("unsafe-none");

  private final String value;

  CrossOriginOpenerPolicy(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return value;
  }
}
