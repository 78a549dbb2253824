package dev.armet.spi;

import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonException;
import dev.armet.internal.json.JsonLimits;
import dev.armet.internal.spi.TrustedRecords;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One stored session: its key, owner, creation time, expiry, write version and JSON-shaped
 * attributes. Immutable. Stores that persist bytes use {@link #encode()} and {@link #decode}; the
 * encoding carries a format version ({@link #FORMAT_VERSION}) so a rolling deploy can read the
 * previous one. The expiry and the {@linkplain #version() write version} are kept by the store
 * beside the data, not inside it, so {@code touch} need not rewrite the record and a conditional
 * write compares one number. A record stored before versions existed reads as {@link
 * #FIRST_VERSION}.
 */
public final class SessionRecord {
  /** The version written by {@link #encode()}. */
  public static final int FORMAT_VERSION = 1;

  /**
   * The version of a newly created record, and of a record written before stores kept versions.
   * Each conditional write ({@link SessionStore#save}) stores the version read plus one.
   */
  public static final long FIRST_VERSION = 1;

  private static final JsonLimits LIMITS = JsonLimits.of(1 << 20, 34, 1 << 20);

  private final String key;
  private final @Nullable String userId;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final long version;
  private final Map<String, Object> attributes;

  /**
   * A record at {@link #FIRST_VERSION}.
   *
   * @param attributes JSON-shaped values; copied
   * @throws IllegalArgumentException if an attribute is not JSON-shaped
   */
  public SessionRecord(
      String key, String userId, Instant createdAt, Instant expiresAt, Map<String, ?> attributes) {
    this(key, userId, createdAt, expiresAt, FIRST_VERSION, attributes);
  }

  /**
   * @param version the write version, at least {@link #FIRST_VERSION}
   * @param attributes JSON-shaped values; copied
   * @throws IllegalArgumentException if an attribute is not JSON-shaped or the version is below
   *     {@link #FIRST_VERSION}
   */
  public SessionRecord(
      String key,
      @Nullable String userId,
      Instant createdAt,
      Instant expiresAt,
      long version,
      Map<String, ?> attributes) {
    this(key, userId, createdAt, expiresAt, checkVersion(version), copy(attributes), true);
  }

  @SuppressWarnings("UnusedVariable") // `checked` only tells this constructor from the public one
  private SessionRecord(
      String key,
      @Nullable String userId,
      Instant createdAt,
      Instant expiresAt,
      long version,
      Map<String, Object> attributes,
      boolean checked) {
    this.key = Objects.requireNonNull(key, "key");
    this.userId = userId;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.version = version;
    this.attributes = attributes;
  }

  static {
    TrustedRecords.register(SessionRecord::ofChecked, r -> r.userId);
  }

  /** For attributes already checked and copied by {@code Session}: skips a second deep copy. */
  private static SessionRecord ofChecked(
      String key,
      @Nullable String userId,
      Instant createdAt,
      Instant expiresAt,
      long version,
      Map<String, Object> attributes) {
    return new SessionRecord(
        key,
        userId,
        createdAt,
        expiresAt,
        checkVersion(version),
        java.util.Collections.unmodifiableMap(attributes),
        true);
  }

  private static long checkVersion(long version) {
    if (version < FIRST_VERSION) {
      throw new IllegalArgumentException(
          "version must be >= " + FIRST_VERSION + ", was " + version);
    }
    return version;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, ?> attributes) {
    return (Map<String, Object>)
        Json.copyOf(Objects.requireNonNull(attributes, "attributes"), "attributes");
  }

  public String key() {
    return key;
  }

  /** The user this session belongs to, for {@link SessionStore#deleteAllForUser}. */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * The write version: {@link #FIRST_VERSION} when created, one more at each conditional write. As
   * loaded, the version the store holds; as saved, the version to store.
   */
  public long version() {
    return version;
  }

  /** The attributes, unmodifiable. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** A copy with another expiry, for stores that keep expiry apart from data. */
  public SessionRecord withExpiresAt(Instant expiresAt) {
    return new SessionRecord(key, userId, createdAt, expiresAt, version, attributes, true);
  }

  /** A copy with another write version, for stores that keep the version apart from data. */
  public SessionRecord withVersion(long version) {
    return new SessionRecord(
        key, userId, createdAt, expiresAt, checkVersion(version), attributes, true);
  }

  /**
   * The record without key and expiry, as versioned JSON: {@code {"v":1,"c":…,"u":…,"a":{…}}}.
   *
   * @throws IllegalStateException if the encoding exceeds the 1 MiB that {@link #decode} reads
   */
  public String encode() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", FORMAT_VERSION);
    m.put("c", createdAt.toEpochMilli());
    m.put("u", userId);
    m.put("a", attributes);
    String json = Json.write(m);
    if (json.length() > LIMITS.maxLength()) {
      // Refuse at write time: a record too large to read back would silently log the user out.
      throw new IllegalStateException(
          "session data is "
              + json.length()
              + " characters, over"
              + " the "
              + LIMITS.maxLength()
              + " a store reads back; keep less in the session");
    }
    return json;
  }

  /**
   * Reads what {@link #encode()} wrote, at {@link #FIRST_VERSION}; empty for an unknown format
   * version or malformed text (a corrupt record is treated as absent, never as a crash).
   */
  public static Optional<SessionRecord> decode(String key, String encoded, Instant expiresAt) {
    return decode(key, encoded, expiresAt, FIRST_VERSION);
  }

  /**
   * Reads what {@link #encode()} wrote, with the write version the store kept beside it; empty for
   * an unknown format version, a version below {@link #FIRST_VERSION} or malformed text.
   */
  public static Optional<SessionRecord> decode(
      String key, String encoded, Instant expiresAt, long version) {
    if (version < FIRST_VERSION) {
      return Optional.empty();
    }
    try {
      Object parsed = Json.parse(encoded, LIMITS);
      if (!(parsed instanceof Map)) {
        return Optional.empty();
      }
      Map<?, ?> m = (Map<?, ?>) parsed;
      Object v = m.get("v");
      Object c = m.get("c");
      Object u = m.get("u");
      Object a = m.get("a");
      if (!Integer.valueOf(FORMAT_VERSION).equals(v)
          || !(c instanceof Number)
          || !(u == null || u instanceof String)
          || !(a instanceof Map)) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Map<String, ?> attributes = (Map<String, ?>) a;
      return Optional.of(
          new SessionRecord(
              key,
              (String) u,
              Instant.ofEpochMilli(((Number) c).longValue()),
              expiresAt,
              version,
              attributes));
    } catch (JsonException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
