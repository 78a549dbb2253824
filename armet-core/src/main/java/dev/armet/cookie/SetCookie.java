package dev.armet.cookie;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable cookie definition (name and attributes) that renders {@code Set-Cookie} header
 * values (RFC 6265bis). Every rule is checked when the definition is built: the name is a token,
 * {@code SameSite=None} and {@code Partitioned} require {@code Secure}, a {@code __Secure-} name
 * requires {@code Secure}, and a {@code __Host-} name requires {@code Secure}, {@code Path=/} and
 * no {@code Domain}. Values are checked when rendered: a control character, space, quote, comma,
 * semicolon or backslash is an error, so no header can be injected through a cookie.
 *
 * <p>Defaults: {@code Path=/}, {@code HttpOnly}, {@code SameSite=Lax}, not {@code Secure}, no
 * {@code Domain}, no {@code Max-Age} (a browser-session cookie).
 *
 * <pre>{@code
 * SetCookie cookie = SetCookie.named("__Host-id", c -> c.secure(true));
 * response.addHeader("Set-Cookie", cookie.header(token));
 * response.addHeader("Set-Cookie", cookie.clearHeader());
 * }</pre>
 */
public final class SetCookie {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final String name;
  private final String path;
  private final @Nullable String domain;
  private final boolean secure;
  private final boolean httpOnly;
  private final SameSite sameSite;
  private final @Nullable Duration maxAge;
  private final boolean partitioned;

  private SetCookie(SetCookieBuilder b) {
    this.name = b.name;
    this.path = b.path;
    this.domain = b.domain;
    this.secure = b.secure;
    this.httpOnly = b.httpOnly;
    this.sameSite = b.sameSite;
    this.maxAge = b.maxAge;
    this.partitioned = b.partitioned;
  }

  /** A builder for a cookie called {@code name}, with the defaults above. */
  public static SetCookieBuilder builder(String name) {
    return new SetCookieBuilder(name);
  }

  /** Builds a cookie called {@code name}, adjusted by {@code config}. */
  public static SetCookie named(String name, Consumer<SetCookieBuilder> config) {
    SetCookieBuilder b = builder(name);
    config.accept(b);
    return b.build();
  }

  static SetCookie of(SetCookieBuilder b) {
    return new SetCookie(b);
  }

  /** The {@code Set-Cookie} value carrying {@code value}, with the configured Max-Age. */
  public String header(String value) {
    return header(value, maxAge, Instant.now());
  }

  /**
   * The {@code Set-Cookie} value carrying {@code value}. A non-null {@code maxAge} adds {@code
   * Max-Age} and, for old clients, the matching {@code Expires} computed from {@code now}.
   *
   * @throws IllegalArgumentException if the value contains a character a cookie cannot carry
   */
  public String header(String value, @Nullable Duration maxAge, Instant now) {
    Objects.requireNonNull(value, "value");
    CookieSyntax.checkValue(name, value);
    StringBuilder out = new StringBuilder(name.length() + value.length() + 96);
    out.append(name).append('=').append(value);
    if (maxAge != null) {
      long seconds = Math.max(0, maxAge.toSeconds());
      out.append("; Max-Age=")
          .append(seconds)
          .append("; Expires=")
          .append(HTTP_DATE.format(now.plusSeconds(seconds)));
    }
    return attributes(out);
  }

  /** A {@code Set-Cookie} value that deletes this cookie (empty value, {@code Max-Age=0}). */
  public String clearHeader() {
    StringBuilder out =
        new StringBuilder(name).append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    return attributes(out);
  }

  private String attributes(StringBuilder out) {
    out.append("; Path=").append(path);
    if (domain != null) {
      out.append("; Domain=").append(domain);
    }
    if (secure) {
      out.append("; Secure");
    }
    if (httpOnly) {
      out.append("; HttpOnly");
    }
    out.append("; SameSite=").append(sameSite.attribute());
    if (partitioned) {
      out.append("; Partitioned");
    }
    return out.toString();
  }

  public String name() {
    return name;
  }

  public String path() {
    return path;
  }

  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  public boolean secure() {
    return secure;
  }

  public boolean httpOnly() {
    return httpOnly;
  }

  public SameSite sameSite() {
    return sameSite;
  }

  /** The configured lifetime; empty for a browser-session cookie. */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  public boolean partitioned() {
    return partitioned;
  }

  /** A builder pre-filled with this definition, to derive a variant. */
  public SetCookieBuilder toBuilder() {
    return new SetCookieBuilder(name)
        .path(path)
        .domain(domain)
        .secure(secure)
        .httpOnly(httpOnly)
        .sameSite(sameSite)
        .maxAge(maxAge)
        .partitioned(partitioned);
  }

  /** {@code Set-Cookie} as it would be written with an empty value; holds no secret. */
  @Override
  public String toString() {
    return attributes(new StringBuilder(name).append("=…"));
  }
}
