package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.keys.TokenContents;
import dev.armet.keys.TokenSealer;
import dev.armet.keys.TokenSigner;
import dev.armet.spi.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Cookie sessions (cookie-session parity): the whole session travels in one cookie, signed
 * (HMAC-SHA256, the default) or sealed (AES-256-GCM). The expiry is inside the authenticated
 * payload, so a replayed cookie stops working when it expires, whatever the browser does. A cookie
 * made with an older key of the ring is accepted and re-issued with the current one. A session that
 * would not fit (name and value over {@value #MAX_COOKIE_BYTES} bytes) is an error at commit, never
 * a silently dropped cookie.
 *
 * <p>Concurrent requests each write the whole cookie: the last response wins. There is no
 * server-side revocation before expiry: keep {@code maxAge} short, or use {@link ServerSessions}.
 *
 * <pre>{@code
 * CookieSessions sessions = CookieSessions.create(c -> c.sealed(true).maxAge(Duration.ofHours(8)));
 * }</pre>
 */
public final class CookieSessions implements Sessions {
  /** The most a browser reliably stores for one cookie's name, '=' and value. */
  public static final int MAX_COOKIE_BYTES = 4093;

  private static final int MAX_CANDIDATES = 3;

  /** A cookie that verified under the primary key, or an older one: no store key, no id. */
  private static final CheckedCookie PRIMARY_KEY = new CheckedCookie(null, null, true);

  private static final CheckedCookie OLDER_KEY = new CheckedCookie(null, null, false);

  private final @Nullable TokenSigner signer;
  private final @Nullable TokenSealer sealer;
  private final SessionCookies cookies;
  private final Duration maxAge;
  private final boolean rolling;
  private final Clock clock;
  private final SecurityEventSink events;

  CookieSessions(CookieSessionsBuilder b) {
    ProductionGate gate = b.gate != null ? b.gate : ProductionGate.of(null);
    ArmetEnvironment env = gate.environment();
    Keyring keyring = gate.keyring("cookieSessions.keyring", b.keyring);
    this.signer = b.sealed ? null : keyring.signer("cookie-session");
    this.sealer = b.sealed ? keyring.sealer("cookie-session") : null;
    this.cookies =
        SessionCookies.choose(b.cookie, "session", env, b.crossSiteCookie, gate, "cookieSessions");
    this.maxAge = b.maxAge;
    this.rolling = b.rolling;
    this.clock = b.clock;
    this.events = EventGate.gated(b.events); // request-triggered: one gate, bounded
  }

  public static CookieSessionsBuilder builder() {
    return new CookieSessionsBuilder();
  }

  public static CookieSessions create(Consumer<CookieSessionsBuilder> config) {
    CookieSessionsBuilder b = builder();
    config.accept(b);
    return b.build();
  }

  @Override
  public Session open(RequestCookies requestCookies, boolean secureRequest) {
    SetCookie cookie = cookies.forRequest(secureRequest);
    Instant now = clock.instant();
    List<String> values = requestCookies.all(cookie.name());
    for (int i = 0; i < values.size() && i < MAX_CANDIDATES; i++) {
      Optional<TokenContents> contents =
          signer != null
              ? signer.verify(values.get(i), cookie.name())
              : Objects.requireNonNull(sealer).open(values.get(i), cookie.name());
      if (contents.isEmpty()) {
        events.record(
            SecurityEvent.of("session_tampered")
                .with("cookie", cookie.name())
                .with("reason", "invalid signature"));
        continue;
      }
      SessionRecord record =
          CookiePayload.decode(new String(contents.get().payload(), StandardCharsets.UTF_8), now);
      if (record != null) {
        return new Session(
            cookie, record, contents.get().primaryKey() ? PRIMARY_KEY : OLDER_KEY, clock);
      }
    }
    // An unusable cookie is left alone (see ServerSessions).
    return new Session(cookie, null, null, clock);
  }

  @Override
  public Optional<String> commit(Session s) {
    s.markCommitted();
    SetCookie cookie = s.cookie;
    boolean hadCookie = s.loaded != null;
    if (!s.exists() || (s.isNew() && !s.hasData())) {
      if (hadCookie) {
        events.record(
            SecurityEvent.of("session_revoked")
                .with("cookie", cookie.name())
                .with("reason", "invalidated"));
      }
      return hadCookie ? Optional.of(cookie.clearHeader()) : Optional.empty();
    }
    boolean reissue =
        s.isNew()
            || s.modified()
            || s.regenerated()
            || rolling
            || !Objects.requireNonNull(s.loadedCookie).primaryKey; // not new: it was loaded
    if (!reissue) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    byte[] payload = CookiePayload.encode(s, now.plus(maxAge)).getBytes(StandardCharsets.UTF_8);
    String token =
        signer != null
            ? signer.sign(payload, cookie.name())
            : Objects.requireNonNull(sealer).seal(payload, cookie.name());
    int size = cookie.name().length() + 1 + token.length();
    if (size > MAX_COOKIE_BYTES) {
      throw new IllegalStateException(
          "cookie session '"
              + cookie.name()
              + "' would be "
              + size
              + " bytes, over the "
              + MAX_COOKIE_BYTES
              + " bytes a browser keeps; store less in the"
              + " session or use ServerSessions");
    }
    if (s.isNew() || s.regenerated()) {
      events.record(
          SecurityEvent.of(s.regenerated() && hadCookie ? "session_renewed" : "session_created")
              .with("cookie", cookie.name()));
    }
    return Optional.of(cookie.header(token, cookie.maxAge().orElse(null), now));
  }
}
