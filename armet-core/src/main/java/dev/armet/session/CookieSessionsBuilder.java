package dev.armet.session;

import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures {@link CookieSessions}; everything is checked in {@link #build()}. Defaults: signed
 * (readable by the client, not alterable), lifetime 24 hours, not rolling, cookie {@code
 * __Host-session} (or {@code session} on plain HTTP in development), keys from {@code
 * ARMET_SECRETS}, environment from {@code ARMET_ENV}.
 */
public final class CookieSessionsBuilder {
  @Nullable Keyring keyring;
  @Nullable ProductionGate gate;
  @Nullable SetCookie cookie;
  boolean crossSiteCookie;
  boolean sealed;
  Duration maxAge = Duration.ofHours(24);
  boolean rolling;
  Clock clock = Clock.systemUTC();
  SecurityEventSink events = SecurityEventSink.logging();

  CookieSessionsBuilder() {}

  public CookieSessionsBuilder keyring(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    return this;
  }

  /**
   * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
   * gate(ProductionGate.of(environment))}.
   */
  public CookieSessionsBuilder environment(ArmetEnvironment environment) {
    return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
  }

  /**
   * The {@link ProductionGate} that decides what this configuration may use (default: one for
   * {@code ARMET_ENV}); a recording gate lets {@code armet doctor} list the findings.
   */
  public CookieSessionsBuilder gate(ProductionGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    return this;
  }

  public CookieSessionsBuilder cookie(SetCookie cookie) {
    this.cookie = Objects.requireNonNull(cookie, "cookie");
    return this;
  }

  /** Declares that the app is embedded cross-site, which is what justifies SameSite=None. */
  public CookieSessionsBuilder crossSiteCookie(boolean crossSite) {
    this.crossSiteCookie = crossSite;
    return this;
  }

  /** Encrypt (AES-256-GCM) instead of sign, when the contents must stay private. */
  public CookieSessionsBuilder sealed(boolean sealed) {
    this.sealed = sealed;
    return this;
  }

  /** How long a written session stays valid; the expiry travels inside the signed payload. */
  public CookieSessionsBuilder maxAge(Duration maxAge) {
    this.maxAge = maxAge;
    return this;
  }

  /** Re-issue the cookie (with a fresh expiry) on every response. */
  public CookieSessionsBuilder rolling(boolean rolling) {
    this.rolling = rolling;
    return this;
  }

  public CookieSessionsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public CookieSessionsBuilder events(SecurityEventSink events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * Validates and builds.
   *
   * @throws IllegalArgumentException for an invalid maxAge
   * @throws IllegalStateException in production, for an unsafe setting (naming it and the fix)
   */
  public CookieSessions build() {
    ServerSessionsBuilder.positive("maxAge", maxAge);
    return new CookieSessions(this);
  }
}
