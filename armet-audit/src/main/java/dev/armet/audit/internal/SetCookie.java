package dev.armet.audit.internal;

import java.util.Locale;

/**
 * One {@code Set-Cookie} header, parsed the way browsers (and the Observatory's cookie jar) do.
 *
 * @param name cookie name
 * @param host the host that set it
 * @param secure whether {@code Secure} is present
 * @param httpOnly whether {@code HttpOnly} is present
 * @param sameSite {@code strict}, {@code lax}, {@code none}, or null when absent or unrecognised
 * @param sameSiteInvalid whether a {@code SameSite} attribute is present with a bad or no value
 * @param domain the Domain attribute (lower case, leading dot removed), or null
 * @param path the Path attribute, or null
 * @param maxAgeSeconds the Max-Age attribute, or null
 * @param hasExpires whether an Expires attribute is present
 * @param raw the header value
 */
public record SetCookie(
    String name,
    String host,
    boolean secure,
    boolean httpOnly,
    String sameSite,
    boolean sameSiteInvalid,
    String domain,
    String path,
    Long maxAgeSeconds,
    boolean hasExpires,
    String raw) {

  /** Parses one header value set by {@code host}; null when it has no name=value pair. */
  public static SetCookie parse(String raw, String host) {
    String[] parts = raw.split(";");
    int eq = parts[0].indexOf('=');
    String name = (eq < 0 ? "" : parts[0].substring(0, eq)).trim();
    if (eq < 0 || name.isEmpty()) {
      return null;
    }
    boolean secure = false;
    boolean httpOnly = false;
    String sameSite = null;
    boolean sameSiteInvalid = false;
    String domain = null;
    String path = null;
    Long maxAge = null;
    boolean expires = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int e = p.indexOf('=');
      String key = (e < 0 ? p : p.substring(0, e)).trim().toLowerCase(Locale.ROOT);
      String value = e < 0 ? null : p.substring(e + 1).trim();
      switch (key) {
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        case "samesite" -> {
          String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
          // Observatory: only the text before a second '=' counts as the value.
          String firstValue =
              p.split("=", -1).length > 1
                  ? p.split("=", -1)[1].trim().toLowerCase(Locale.ROOT)
                  : "";
          sameSiteInvalid =
              firstValue.isEmpty()
                  || !(firstValue.equals("lax")
                      || firstValue.equals("strict")
                      || firstValue.equals("none"));
          sameSite = v.equals("lax") || v.equals("strict") || v.equals("none") ? v : null;
        }
        case "domain" -> {
          if (value != null && !value.isEmpty()) {
            domain = value.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT);
          }
        }
        case "path" -> path = value;
        case "max-age" -> {
          try {
            maxAge = Long.parseLong(value == null ? "" : value);
          } catch (NumberFormatException ignored) {
            // an unparseable Max-Age is ignored, as browsers do
          }
        }
        case "expires" -> expires = value != null;
        default -> {
          // other attributes (Priority, Partitioned) do not matter here
        }
      }
    }
    return new SetCookie(
        name,
        host.toLowerCase(Locale.ROOT),
        secure,
        httpOnly,
        sameSite,
        sameSiteInvalid,
        domain,
        path,
        maxAge,
        expires,
        raw);
  }

  /**
   * Whether a cookie jar (RFC 6265bis, as the Observatory's) stores it: Domain must cover the host,
   * and the {@code __Secure-}/{@code __Host-} prefixes must hold.
   */
  public boolean acceptedByJar() {
    if (domain != null
        && !(host.equals(domain)
            || (host.endsWith("." + domain) && !HttpProbe.isIpLiteral(host)))) {
      return false;
    }
    if (name.startsWith("__Secure-") && !secure) {
      return false;
    }
    return !name.startsWith("__Host-") || (secure && domain == null && "/".equals(path));
  }

  /** Session or login cookie, by the Observatory's rule (name contains "sess" or "login"). */
  public boolean looksLikeSession() {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("sess") || n.contains("login");
  }
}
