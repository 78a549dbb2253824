package dev.armet.session;

import dev.armet.cookie.SetCookie;
import dev.armet.internal.json.Json;
import dev.armet.internal.session.SessionAttributes;
import dev.armet.internal.spi.TrustedRecords;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request's view of its session, from {@link Sessions#open}. Values are JSON-shaped ({@link
 * Json}): {@link #set} refuses anything else and stores a deep, unmodifiable copy, so a change is
 * always a {@code set} that dirty tracking sees. Nothing is written unless something changed; a
 * session that was never given data sets no cookie.
 *
 * <p>Concurrency ({@link ServerSessions}): requests of one session each work on their own copy. A
 * changed session is written with a compare-and-set on the record version it read ({@link
 * SessionStore#save}); if another request wrote first, the record is re-read and this request's
 * changes are merged attribute by attribute onto the freshest copy, then written again (at most 8
 * attempts). So two requests that change different attributes both keep their change; for the same
 * attribute the last commit wins. A session that a concurrent request ended (logout, {@link
 * #regenerate()}, {@link ServerSessions#destroyAllForUser}, expiry) is never written again: the
 * write of a request that read it before it ended fails and is dropped, so the old cookie stays
 * anonymous whatever the order in which the two requests finish. A signed-in session ended before a
 * concurrent {@link #regenerate()} commits is not carried over to the new id either (that commit
 * writes nothing). {@link CookieSessions} are whole-cookie last-write-wins. Methods are
 * synchronized, so async servlet code may share one {@code Session}.
 *
 * <p>The session is written once, when the adapter commits it (just before the response commits).
 * Changing it afterwards ({@link #set}, {@link #remove}, {@link #userId(String)}, {@link
 * #regenerate()}, {@link #invalidate()}, or {@link #create()} of a new one) throws {@link
 * IllegalStateException} rather than being silently lost.
 *
 * <pre>{@code
 * Session s = sessions.open(cookies, true);
 * int visits = ((Number) s.get("visits").orElse(0)).intValue();
 * s.set("visits", visits + 1);
 * sessions.commit(s).ifPresent(h -> response.addHeader("Set-Cookie", h));
 * }</pre>
 */
public final class Session {
  private static final Object REMOVED = new Object();

  static {
    SessionAttributes.register(Session::attribute);
  }

  /** The record this request loaded (a cookie session's payload, keyless), held as it is. */
  final @Nullable SessionRecord loaded;

  /** The cookie it was loaded by: store key, id and key-ring standing; null when none was. */
  final @Nullable CheckedCookie loadedCookie;

  final SetCookie cookie;

  /** Read when a session is created or regenerated: a read of one that exists needs no time. */
  private final Clock clock;

  /**
   * The loaded attributes (immutable) until this request first writes one, then its own copy: a
   * request that only reads its session copies nothing (issue 18).
   */
  private Map<String, Object> attributes;

  private boolean ownAttributes;

  /** This request's writes (made on the first one). */
  private @Nullable Map<String, Object> changes;

  /**
   * The identity listener (a request has one: its CSRF secret), or, once there are more, a {@link
   * Listeners} holding them all.
   */
  private @Nullable Runnable identityListener;

  private boolean exists;
  private boolean isNew;
  private boolean regenerated;
  private boolean discardLoaded;
  private boolean userChanged;
  private boolean committed;
  private @Nullable String userId;
  private @Nullable Instant createdAt;

  /** {@code loaded} and {@code loadedCookie} are both null (no session) or both set. */
  Session(
      SetCookie cookie,
      @Nullable SessionRecord loaded,
      @Nullable CheckedCookie loadedCookie,
      Clock clock) {
    this.cookie = cookie;
    this.loaded = loaded;
    this.loadedCookie = loadedCookie;
    this.clock = clock;
    this.attributes = Collections.emptyMap();
    if (loaded != null) {
      exists = true;
      attributes = loaded.attributes();
      userId = TrustedRecords.userId(loaded);
      createdAt = loaded.createdAt();
    }
  }

  /** Whether a session exists: one arrived with the request or was created in it. */
  public synchronized boolean exists() {
    return exists;
  }

  /** Makes sure a session exists (creates an empty one if none); it is saved once it has data. */
  public synchronized Session create() {
    if (!exists) {
      checkNotCommitted();
      exists = true;
      isNew = true;
      createdAt = clock.instant();
    }
    return this;
  }

  /** True if this session was created during this request. */
  public synchronized boolean isNew() {
    return exists && isNew;
  }

  /** When the session was created; empty if none exists. */
  public synchronized Optional<Instant> createdAt() {
    return exists ? Optional.ofNullable(createdAt) : Optional.empty();
  }

  public synchronized Optional<Object> get(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** {@link #get}'s value or null, without the {@code Optional} ({@link SessionAttributes}). */
  private synchronized @Nullable Object attribute(String name) {
    return attributes.get(name);
  }

  /** The attribute names, in insertion order (a snapshot). */
  public synchronized Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(attributes.keySet()));
  }

  /**
   * Sets an attribute, creating the session if needed; {@code null} removes it.
   *
   * @throws IllegalArgumentException if the value is not JSON-shaped (the message names the
   *     attribute, the path inside it and the type)
   * @throws IllegalStateException if the session was already committed with the response
   */
  public synchronized void set(String name, Object value) {
    if (value == null) {
      remove(name);
      return;
    }
    checkNotCommitted();
    Object copy = Json.copyOf(value, "session attribute '" + name + "'");
    create();
    ownAttributes().put(name, copy);
    changes().put(name, copy);
  }

  public synchronized void remove(String name) {
    checkNotCommitted();
    if (attributes.containsKey(name)) { // values are never null
      ownAttributes().remove(name);
      changes().put(name, REMOVED);
    }
  }

  private Map<String, Object> ownAttributes() {
    if (!ownAttributes) {
      attributes = new LinkedHashMap<>(attributes);
      ownAttributes = true;
    }
    return attributes;
  }

  private Map<String, Object> changes() {
    Map<String, Object> c = changes;
    if (c == null) {
      c = new LinkedHashMap<>();
      changes = c;
    }
    return c;
  }

  /** The user this session belongs to, if set with {@link #userId(String)}. */
  public synchronized Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /**
   * Binds the session to a user, so "log out everywhere" ({@link ServerSessions#destroyAllForUser})
   * can find it. Call it with {@link #regenerate()} at login.
   */
  public synchronized void userId(String userId) {
    checkNotCommitted();
    create();
    this.userId = userId;
    this.userChanged = true;
  }

  /**
   * Gives the session a new id and keeps its data; the old id stops working at commit. Call it
   * whenever privilege changes (login, logout, role change): the defence against session fixation.
   * Creates the session if none exists.
   */
  public synchronized void regenerate() {
    checkNotCommitted();
    create();
    regenerated = true;
    discardLoaded = loaded != null;
    createdAt = clock.instant(); // the absolute lifetime restarts with the new identity
    identityChanged();
  }

  /**
   * Ends the session: at commit its stored entry is removed and its cookie cleared. Calling {@link
   * #set} or {@link #create} afterwards starts a fresh session with a fresh id.
   */
  public synchronized void invalidate() {
    checkNotCommitted();
    discardLoaded = loaded != null;
    exists = false;
    isNew = false;
    regenerated = false; // a session created after this is new, so it gets a fresh id anyway
    attributes = Collections.emptyMap();
    ownAttributes = false;
    changes = null;
    userId = null;
    userChanged = false;
    identityChanged();
  }

  /**
   * Runs {@code listener} after every later {@link #regenerate()} or {@link #invalidate()} in this
   * request, so that a value bound to the session's identity (such as the CSRF secret) can rotate
   * with it. Listeners belong to this request's view only and are never stored.
   */
  public synchronized void onIdentityChange(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    Runnable first = identityListener;
    if (first == null) {
      identityListener = listener; // no list for the usual single listener (issue 18)
    } else if (first instanceof Listeners) {
      ((Listeners) first).all.add(listener);
    } else {
      Listeners all = new Listeners();
      all.all.add(first);
      all.all.add(listener);
      identityListener = all;
    }
  }

  private void identityChanged() {
    Runnable first = identityListener;
    if (first == null) {
      return;
    }
    // A snapshot: a listener may add another while running.
    List<Runnable> all =
        first instanceof Listeners ? List.copyOf(((Listeners) first).all) : List.of(first);
    for (Runnable listener : all) {
      listener.run();
    }
  }

  /** More than one identity listener, in the order added. Private: never an application's. */
  private static final class Listeners implements Runnable {
    final List<Runnable> all = new ArrayList<>(3);

    @Override
    public void run() {
      throw new AssertionError("identityChanged() runs each listener itself");
    }
  }

  /**
   * A stable, non-secret handle for logs and {@code HttpSession.getId()}: the store key, which
   * cannot be used as a cookie. Empty until the session has been stored.
   */
  public synchronized Optional<String> handle() {
    CheckedCookie by = loadedCookie;
    return by != null && !discardLoaded ? Optional.ofNullable(by.key) : Optional.empty();
  }

  /**
   * Whether the session was already written with the response; from then on every change is refused
   * with an {@link IllegalStateException}.
   */
  public synchronized boolean isCommitted() {
    return committed;
  }

  private void checkNotCommitted() {
    if (committed) {
      throw new IllegalStateException(
          "the session was already committed with the response, so"
              + " this change would be lost; change the session before the response commits (before"
              + " the first body byte, a flush, a redirect or an error)");
    }
  }

  // ---- read by Sessions implementations at commit ----

  /** Called once by {@link Sessions#commit}: later changes are refused. */
  synchronized void markCommitted() {
    committed = true;
  }

  synchronized boolean modified() {
    return (changes != null && !changes.isEmpty()) || userChanged;
  }

  synchronized boolean regenerated() {
    return regenerated;
  }

  synchronized boolean discardLoaded() {
    return discardLoaded;
  }

  synchronized boolean hasData() {
    return !attributes.isEmpty() || userId != null;
  }

  synchronized Map<String, Object> attributes() {
    return new LinkedHashMap<>(attributes);
  }

  /** This request's changes applied to {@code base}: per-attribute last-write-wins. */
  synchronized Map<String, Object> mergeOnto(Map<String, Object> base) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    if (changes == null) {
      return out;
    }
    changes.forEach(
        (k, v) -> {
          if (v == REMOVED) {
            out.remove(k);
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  synchronized @Nullable String mergedUserId(@Nullable String stored) {
    return userChanged ? userId : stored;
  }

  synchronized Instant created() {
    return Objects.requireNonNull(createdAt, "no session exists"); // called for existing ones
  }

  /** The cookie this session reads and writes (chosen per request by scheme). */
  public SetCookie cookie() {
    return cookie;
  }

  synchronized @Nullable String user() {
    return userId;
  }
}
