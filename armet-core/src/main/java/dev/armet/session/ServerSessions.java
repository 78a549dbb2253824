package dev.armet.session;

import dev.armet.cookie.RequestCookies;
import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.cookie.CookieText;
import dev.armet.internal.spi.TrustedRecords;
import dev.armet.keys.Keyring;
import dev.armet.keys.TokenContents;
import dev.armet.keys.TokenSigner;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Server-side sessions (express-session parity): data in a {@link SessionStore}, a signed 256-bit
 * random id in the cookie. A forged or guessed id fails its HMAC before the store is asked; an id
 * the store does not know is never adopted (session fixation), and new sessions always get a fresh
 * id. Idle timeout and absolute lifetime are enforced on the server. See {@link Session} for what
 * is written when, and for concurrent requests.
 *
 * <pre>{@code
 * ServerSessions sessions = ServerSessions.create(s -> s
 *     .store(new RedisSessionStore(redis))
 *     .idleTimeout(Duration.ofMinutes(20)));
 * }</pre>
 */
public final class ServerSessions implements Sessions {
  /** Only the first few cookies of the session name are tried: bounded work per request. */
  private static final int MAX_CANDIDATES = 3;

  /** Conditional writes tried per commit before giving up under sustained contention. */
  static final int MAX_WRITE_ATTEMPTS = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A cookie whose signature did not verify. */
  private static final CheckedCookie INVALID = new CheckedCookie(null, null, false);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SessionStore store;

  /** The store itself when it is the in-memory one, read with no Optional; else null. */
  private final @Nullable MemorySessionStore memory;

  /** Whether the store prepares reads of its own ({@link SessionStore#prepareLoad}). */
  private final boolean preparesLoads;

  private final TokenSigner signer;
  private final SessionCookies cookies;
  private final Duration idle;
  private final Duration absolute;

  /** A read touches the record when it would expire sooner than this: idle minus the interval. */
  private final Duration touchWhenLeft;

  private final boolean rolling;
  private final boolean saveUninitialized;
  private final Clock clock;
  private final SecurityEventSink events;

  /** Cookies verified before (null when rolling: every response re-signs the id then). */
  private final @Nullable VerifiedCookies verifiedCookies;

  ServerSessions(ServerSessionsBuilder b) {
    ProductionGate gate = b.gate != null ? b.gate : ProductionGate.of(null);
    ArmetEnvironment env = gate.environment();
    Keyring keyring = gate.keyring("sessions.keyring", b.keyring);
    SessionStore s = gate.sessionStore("sessions.store", b.store);
    this.store = s;
    this.memory = s instanceof MemorySessionStore ? (MemorySessionStore) s : null;
    this.preparesLoads = preparesLoads(s);
    this.signer = keyring.signer("session-id");
    this.cookies = SessionCookies.choose(b.cookie, "id", env, b.crossSiteCookie, gate, "sessions");
    this.idle = b.idleTimeout;
    this.absolute = b.absoluteTimeout;
    this.touchWhenLeft = b.idleTimeout.minus(b.touchInterval);
    this.rolling = b.rolling;
    this.saveUninitialized = b.saveUninitialized;
    this.clock = b.clock;
    this.events = EventGate.gated(b.events); // request-triggered: one gate, bounded
    this.verifiedCookies =
        rolling ? null : new VerifiedCookies(VerifiedCookies.DEFAULT_MAX_ENTRIES);
  }

  public static ServerSessionsBuilder builder() {
    return new ServerSessionsBuilder();
  }

  public static ServerSessions create(Consumer<ServerSessionsBuilder> config) {
    ServerSessionsBuilder b = builder();
    config.accept(b);
    return b.build();
  }

  @Override
  public Session open(RequestCookies requestCookies, boolean secureRequest) {
    return open(lookup(requestCookies, secureRequest));
  }

  /**
   * Checks the session cookies up to the first one that verifies (a cookie signed by the primary
   * key is verified once and remembered by a keyed digest) and prepares its store read. Records
   * nothing: {@link #open(SessionLookup)} does, so a request the rate limit refuses leaves no
   * session event.
   */
  @Override
  public SessionLookup lookup(RequestCookies requestCookies, boolean secureRequest) {
    SetCookie cookie = cookies.forRequest(secureRequest);
    // Read in place: a cookie the verified-cookie cache knows is never copied out of the header.
    int tried = Math.min(requestCookies.count(cookie.name()), MAX_CANDIDATES);
    for (int i = 0; i < tried; i++) {
      CheckedCookie checked = check(cookie.name(), requestCookies, i);
      if (checked.valid()) {
        // A store without reads of its own gets none prepared: nothing could carry it, and
        // open() reads as the default SessionLoad would.
        return new SessionLookup(
            this,
            requestCookies,
            secureRequest,
            tried,
            i,
            checked,
            preparesLoads ? store.prepareLoad(Objects.requireNonNull(checked.key)) : null);
      }
    }
    return new SessionLookup(this, requestCookies, secureRequest, tried, tried, null, null);
  }

  @Override
  public Session open(SessionLookup lookup) {
    if (lookup.owner != this) {
      return open(lookup.cookies(), lookup.secureRequest());
    }
    SetCookie cookie = cookies.forRequest(lookup.secureRequest);
    long now = clock.millis(); // compared only: no Instant per request
    for (int i = 0; i < lookup.tried; i++) {
      CheckedCookie checked =
          i == lookup.firstValid
              ? lookup.first
              : i < lookup.firstValid ? null : check(cookie.name(), lookup.cookies, i);
      if (checked == null || !checked.valid()) {
        events.record(
            SecurityEvent.of("session_tampered")
                .with("cookie", cookie.name())
                .with("reason", "invalid signature"));
        continue;
      }
      String key = Objects.requireNonNull(checked.key); // valid() means a key
      // The store is asked on every request, whatever the verified-cookie cache holds, so an
      // ended session stays ended.
      SessionRecord r = i == lookup.firstValid ? firstRead(lookup, key) : read(key);
      if (r == null) {
        if (verifiedCookies != null) {
          verifiedCookies.remove(cookie.name(), lookup.cookies.value(cookie.name(), i));
        }
        // Expired (the store's TTL) or ended (logout, regenerate): the id is never reused.
        events.record(SecurityEvent.of("session_use_after_expire").with("cookie", cookie.name()));
        continue;
      }
      boolean pastAbsolute = !Elapsed.lessThan(r.createdAt(), now, absolute);
      if (pastAbsolute || !Elapsed.isAfter(r.expiresAt(), now)) {
        store.delete(key);
        events.record(
            SecurityEvent.of("session_expired")
                .with("cookie", cookie.name())
                .with("reason", pastAbsolute ? "absolute_timeout" : "idle_timeout"));
        continue;
      }
      // The record and the checked cookie are immutable: the session holds them, copying nothing.
      return new Session(cookie, r, checked, clock);
    }
    // An unusable cookie is left alone, not cleared: it may be an older copy racing a response
    // that just set a new id, and clearing it would log the user out. It is replaced when the
    // browser next gets a session.
    return new Session(cookie, null, null, clock);
  }

  /** The read the lookup prepared (sent already, or now), else the store's own. */
  private @Nullable SessionRecord firstRead(SessionLookup lookup, String key) {
    SessionLoad load = lookup.load();
    return load != null ? load.result().orElse(null) : read(key);
  }

  /** What {@link SessionStore#load} answers, or null. */
  private @Nullable SessionRecord read(String key) {
    MemorySessionStore m = memory;
    return m != null ? m.find(key) : store.load(key).orElse(null);
  }

  private static boolean preparesLoads(SessionStore store) {
    try {
      return store.getClass().getMethod("prepareLoad", String.class).getDeclaringClass()
          != SessionStore.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("SessionStore declares prepareLoad(String)", e);
    }
  }

  /**
   * One cookie value: a cache hit, or the signature check (remembered when the primary key signed
   * it). The id is only needed to re-sign the cookie: never on a cache hit.
   */
  private CheckedCookie check(String name, RequestCookies cookies, int n) {
    // Located in the header, not viewed through an object (issue 18): a cached cookie is hashed
    // in place and never copied.
    String text = CookieText.text(cookies);
    int span = CookieText.span(cookies, name, n);
    int from = CookieText.from(span);
    int to = CookieText.to(span);
    CheckedCookie known =
        verifiedCookies == null ? null : verifiedCookies.find(name, text, from, to);
    if (known != null) {
      return known;
    }
    String value = text.substring(from, to);
    Optional<TokenContents> verified = signer.verify(value, name);
    byte[] id = verified.map(TokenContents::payload).orElse(null);
    if (id == null || id.length != 32) {
      return INVALID;
    }
    String key = storeKey(id);
    boolean primaryKey = verified.get().primaryKey();
    if (verifiedCookies != null && primaryKey) {
      verifiedCookies.put(name, value, key);
    }
    return new CheckedCookie(key, id, primaryKey);
  }

  @Override
  public Optional<String> commit(Session s) {
    s.markCommitted();
    // An Instant only where one is written (issue 18): a read-only session compares millis.
    long nowMillis = clock.millis();
    SessionRecord loaded = s.loaded;
    SetCookie cookie = s.cookie;
    if (s.discardLoaded()
        && s.regenerated()
        && TrustedRecords.userId(Objects.requireNonNull(loaded)) != null
        && store.load(keyOf(s)).isEmpty()) {
      // A signed-in session that a concurrent request ended (logout, log out everywhere) is not
      // carried over to a new id; that request's response already cleared the cookie.
      return Optional.empty();
    }
    if (s.discardLoaded()) {
      store.delete(keyOf(s)); // discardLoaded(): one was loaded
      if (!s.regenerated()) {
        events.record(
            SecurityEvent.of("session_revoked")
                .with("cookie", cookie.name())
                .with("reason", "invalidated"));
      }
    }
    Optional<String> clear =
        s.discardLoaded() ? Optional.of(cookie.clearHeader()) : Optional.empty();
    if (!s.exists() || (s.isNew() && !s.hasData() && !saveUninitialized)) {
      return clear;
    }
    boolean fresh = s.isNew() || s.regenerated();
    if (fresh) {
      Instant now = clock.instant();
      byte[] id = newId();
      Instant created = s.created();
      SessionRecord record =
          TrustedRecords.ofChecked(
              storeKey(id),
              s.user(),
              created,
              expiry(created, now),
              SessionRecord.FIRST_VERSION,
              s.attributes());
      if (!store.save(record, SessionStore.ABSENT)) {
        throw new IllegalStateException(
            "a new random session id matched a live session;"
                + " the JDK's SecureRandom is not working");
      }
      events.record(
          SecurityEvent.of(
                  s.regenerated() && loaded != null ? "session_renewed" : "session_created")
              .with("cookie", cookie.name()));
      return Optional.of(header(cookie, id, now));
    }
    // Neither absent nor new: this request loaded it.
    Objects.requireNonNull(loaded);
    CheckedCookie by = Objects.requireNonNull(s.loadedCookie); // set with loaded
    if (s.modified()) {
      Instant now = clock.instant();
      if (!saveMerged(s, loaded, expiry(loaded.createdAt(), now))) {
        // Destroyed meanwhile (logout, regenerate, log out everywhere, expiry): never resurrect
        // it, and do not clear the cookie either, which may already be the new one from a
        // racing response.
        return Optional.empty();
      }
      return rolling || !by.primaryKey
          ? Optional.of(header(cookie, Objects.requireNonNull(by.id), now))
          : Optional.empty();
    }
    if (Elapsed.lessThan(nowMillis, loaded.expiresAt(), touchWhenLeft)) {
      Instant target = expiry(loaded.createdAt(), clock.instant());
      if (target.isAfter(loaded.expiresAt())) {
        store.touch(keyOf(s), target);
      }
    }
    return rolling || !by.primaryKey
        ? Optional.of(header(cookie, Objects.requireNonNull(by.id), clock.instant()))
        : Optional.empty();
  }

  /**
   * Writes this request's changes as a compare-and-set on the version it read; on a conflict,
   * re-reads and merges them attribute by attribute onto the freshest copy, at most {@link
   * #MAX_WRITE_ATTEMPTS} times. False if the record is gone (ended by another request).
   *
   * @throws IllegalStateException if every attempt lost to a concurrent write
   */
  private boolean saveMerged(Session s, SessionRecord loaded, Instant expiresAt) {
    long version = loaded.version();
    Map<String, Object> base = loaded.attributes();
    String storedUser = TrustedRecords.userId(loaded);
    for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      SessionRecord next =
          TrustedRecords.ofChecked(
              keyOf(s),
              s.mergedUserId(storedUser),
              loaded.createdAt(),
              expiresAt,
              version + 1,
              s.mergeOnto(base));
      if (store.save(next, version)) {
        return true;
      }
      Optional<SessionRecord> current = store.load(keyOf(s));
      if (current.isEmpty()) {
        return false;
      }
      version = current.get().version();
      base = current.get().attributes();
      storedUser = current.get().userId().orElse(null);
    }
    throw new IllegalStateException(
        "the session was changed by concurrent requests during each"
            + " of "
            + MAX_WRITE_ATTEMPTS
            + " write attempts; this request's change was not saved");
  }

  /** Ends every session bound to {@code userId} ("log out everywhere"). */
  public void destroyAllForUser(String userId) {
    store.deleteAllForUser(userId);
    events.record(SecurityEvent.of("session_revoked_all").with("user", userId));
  }

  /** The cookie used for requests of this scheme. */
  public SetCookie cookie(boolean secureRequest) {
    return cookies.forRequest(secureRequest);
  }

  private Instant expiry(Instant created, Instant now) {
    Instant idleEnd = now.plus(idle);
    Instant absoluteEnd = created.plus(absolute);
    return idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
  }

  /** The store key the loaded session was read under (server sessions always load by key). */
  private static String keyOf(Session s) {
    return Objects.requireNonNull(Objects.requireNonNull(s.loadedCookie, "loaded").key, "key");
  }

  private String header(SetCookie cookie, byte[] id, Instant now) {
    return cookie.header(signer.sign(id, cookie.name()), cookie.maxAge().orElse(null), now);
  }

  private static byte[] newId() {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    return id;
  }

  /** Entries in the verified-cookie cache (tests). */
  int verifiedCookieCount() {
    return verifiedCookies == null ? 0 : verifiedCookies.size();
  }

  /** SHA-256 of the id: the store never holds a usable session id. */
  static String storeKey(byte[] id) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(id));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  }
}
