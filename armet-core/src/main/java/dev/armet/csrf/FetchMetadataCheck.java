package dev.armet.csrf;

import org.jspecify.annotations.Nullable;

/**
 * Layer 1: the browser's own statement of where a request comes from. {@code Sec-Fetch-Site} is a
 * forbidden header name, so page script cannot forge it; browsers that do not send it (older ones,
 * non-browser clients) fall through to the next layers. See the OWASP CSRF Prevention Cheat Sheet,
 * "Fetch Metadata headers", and W3C Fetch Metadata Request Headers §2.4.
 */
final class FetchMetadataCheck {
  private FetchMetadataCheck() {}

  /** The refusal for this {@code Sec-Fetch-Site} value, or null to go on to the next layer. */
  static @Nullable Refusal check(@Nullable String secFetchSite, boolean allowSameSite) {
    if (secFetchSite == null) {
      return null;
    }
    switch (secFetchSite.trim()) {
      case "cross-site":
        return Refusal.CROSS_SITE;
      case "same-site":
        // A sibling subdomain is another application that may be compromised or user-controlled.
        return allowSameSite ? null : Refusal.SAME_SITE;
      default:
        // same-origin, none (typed URL, bookmark) and values a future browser may add.
        return null;
    }
  }
}
