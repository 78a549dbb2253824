package dev.armet.cookie;

/**
 * The {@code SameSite} cookie attribute (RFC 6265bis §5.6.7). {@link #LAX} is Armet's default for
 * session cookies: sent on top-level navigations, withheld from cross-site subrequests. {@link
 * #NONE} requires {@code Secure} and is only for cookies that must travel cross-site.
 */
public enum SameSite {
  STRICT("Strict"),
  LAX("Lax"),
  NONE("None");

  private final String attribute;

  SameSite(String attribute) {
    this.attribute = attribute;
  }

  /** The value as written in {@code Set-Cookie}. */
  public String attribute() {
    return attribute;
  }
}
