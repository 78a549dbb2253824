package dev.armet.session;

import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures {@link ServerSessions}; everything is checked in {@link #build()}. Defaults: idle
 * timeout 30 minutes, absolute lifetime 12 hours, touch at most once a minute, not rolling,
 * uninitialized sessions not saved, cookie {@code __Host-id} (or {@code id} on plain HTTP in
 * development), keys from {@code ARMET_SECRETS}, environment from {@code ARMET_ENV}, a {@link
 * MemorySessionStore} in development only.
 */
public final class ServerSessionsBuilder {
  @Nullable SessionStore store;
  @Nullable Keyring keyring;
  @Nullable ProductionGate gate;
  @Nullable SetCookie cookie;
  boolean crossSiteCookie;
  Duration idleTimeout = Duration.ofMinutes(30);
  Duration absoluteTimeout = Duration.ofHours(12);
  Duration touchInterval = Duration.ofMinutes(1);
  boolean rolling;
  boolean saveUninitialized;
  Clock clock = Clock.systemUTC();
  SecurityEventSink events = SecurityEventSink.logging();

  ServerSessionsBuilder() {}

  public ServerSessionsBuilder store(SessionStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  public ServerSessionsBuilder keyring(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    return this;
  }

  /**
   * The mode to build for (default: {@code ARMET_ENV}); the same as {@code
   * gate(ProductionGate.of(environment))}.
   */
  public ServerSessionsBuilder environment(ArmetEnvironment environment) {
    return gate(ProductionGate.of(Objects.requireNonNull(environment, "environment")));
  }

  /**
   * The {@link ProductionGate} that decides what this configuration may use (default: one for
   * {@code ARMET_ENV}); a recording gate lets {@code armet doctor} list the findings.
   */
  public ServerSessionsBuilder gate(ProductionGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    return this;
  }

  /** A fixed cookie instead of the default {@code __Host-id}/{@code id} pair. */
  public ServerSessionsBuilder cookie(SetCookie cookie) {
    this.cookie = Objects.requireNonNull(cookie, "cookie");
    return this;
  }

  /** Declares that the app is embedded cross-site, which is what justifies SameSite=None. */
  public ServerSessionsBuilder crossSiteCookie(boolean crossSite) {
    this.crossSiteCookie = crossSite;
    return this;
  }

  /** A session unused for this long expires (enforced by the store's expiry). */
  public ServerSessionsBuilder idleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    return this;
  }

  /** A session expires this long after creation (or {@code regenerate()}), however busy. */
  public ServerSessionsBuilder absoluteTimeout(Duration absoluteTimeout) {
    this.absoluteTimeout = absoluteTimeout;
    return this;
  }

  /** Unchanged sessions extend their idle expiry at most this often (one store write). */
  public ServerSessionsBuilder touchInterval(Duration touchInterval) {
    this.touchInterval = touchInterval;
    return this;
  }

  /** Re-send the cookie on every response, so a cookie Max-Age slides with activity. */
  public ServerSessionsBuilder rolling(boolean rolling) {
    this.rolling = rolling;
    return this;
  }

  /** Store (and set a cookie for) sessions created but never given data. Default false. */
  public ServerSessionsBuilder saveUninitialized(boolean saveUninitialized) {
    this.saveUninitialized = saveUninitialized;
    return this;
  }

  public ServerSessionsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where rejected cookies are reported. Default: the {@code armet.security} logger. */
  public ServerSessionsBuilder events(SecurityEventSink events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  /**
   * Validates and builds.
   *
   * @throws IllegalArgumentException for an invalid duration (naming it, its value and bound)
   * @throws IllegalStateException in production, for an unsafe setting (naming it and the fix)
   */
  public ServerSessions build() {
    positive("idleTimeout", idleTimeout);
    positive("absoluteTimeout", absoluteTimeout);
    Objects.requireNonNull(touchInterval, "touchInterval");
    if (touchInterval.isNegative() || touchInterval.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException(
          "touchInterval must be >= 0 and < idleTimeout ("
              + idleTimeout
              + "), was "
              + touchInterval);
    }
    if (absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "absoluteTimeout must be >= idleTimeout (" + idleTimeout + "), was " + absoluteTimeout);
    }
    return new ServerSessions(this);
  }

  static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
