package dev.armet.cookie;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Validating builder for {@link SetCookie}; every rule is checked in {@link #build()}. */
public final class SetCookieBuilder {
  String name;
  String path = "/";
  @Nullable String domain;
  boolean secure;
  boolean httpOnly = true;
  SameSite sameSite = SameSite.LAX;
  @Nullable Duration maxAge;
  boolean partitioned;

  SetCookieBuilder(String name) {
    this.name = name;
  }

  public SetCookieBuilder name(String name) {
    this.name = name;
    return this;
  }

  public SetCookieBuilder path(String path) {
    this.path = path;
    return this;
  }

  /** The Domain attribute; {@code null} (the default) keeps the cookie host-only. */
  public SetCookieBuilder domain(@Nullable String domain) {
    this.domain = domain;
    return this;
  }

  public SetCookieBuilder secure(boolean secure) {
    this.secure = secure;
    return this;
  }

  public SetCookieBuilder httpOnly(boolean httpOnly) {
    this.httpOnly = httpOnly;
    return this;
  }

  public SetCookieBuilder sameSite(SameSite sameSite) {
    this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
    return this;
  }

  /** Max-Age; {@code null} makes a browser-session cookie. */
  public SetCookieBuilder maxAge(@Nullable Duration maxAge) {
    this.maxAge = maxAge;
    return this;
  }

  /** CHIPS partitioned storage; requires Secure. */
  public SetCookieBuilder partitioned(boolean partitioned) {
    this.partitioned = partitioned;
    return this;
  }

  /**
   * Checks every rule and returns the immutable cookie.
   *
   * @throws IllegalArgumentException naming the attribute, the value and the fix
   */
  public SetCookie build() {
    CookieSyntax.checkName(name);
    Objects.requireNonNull(path, "path");
    CookieSyntax.checkAttribute("Path", path);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Path must start with '/', was '" + path + "'");
    }
    if (domain != null) {
      CookieSyntax.checkAttribute("Domain", domain);
      if (!domain.matches("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
        throw new IllegalArgumentException(
            "Domain must be a host name, was '" + CookieSyntax.printable(domain) + "'");
      }
    }
    if (maxAge != null && maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must be >= 0, was " + maxAge);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("__host-")) {
      // RFC 6265bis §4.1.3.2: the browser drops a __Host- cookie that breaks any of these.
      require(secure, "a __Host- cookie must be Secure: call secure(true)");
      require(domain == null, "a __Host- cookie must not have a Domain: remove domain(…)");
      require(path.equals("/"), "a __Host- cookie must have Path=/, was '" + path + "'");
    } else if (lower.startsWith("__secure-")) {
      require(secure, "a __Secure- cookie must be Secure: call secure(true)");
    }
    require(
        sameSite != SameSite.NONE || secure,
        "SameSite=None requires Secure: call secure(true) or use SameSite.LAX");
    require(!partitioned || secure, "Partitioned requires Secure: call secure(true)");
    return SetCookie.of(this);
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("cookie '" + name + "': " + message);
    }
  }
}
