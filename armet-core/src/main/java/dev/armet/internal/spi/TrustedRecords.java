package dev.armet.internal.spi;

import dev.armet.spi.SessionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The way {@code ServerSessions} builds a {@link SessionRecord} from attributes it has already
 * checked and copied, without a second deep copy, and without that shortcut being public API in the
 * SPI package. {@link SessionRecord} registers its factory when it is initialised (the JDK's
 * "shared secrets" pattern); the package is not exported.
 */
public final class TrustedRecords {
  /** Builds a record without copying {@code attributes}; the caller must not keep them. */
  @FunctionalInterface
  public interface Factory {
    SessionRecord create(
        String key,
        @Nullable String userId,
        Instant createdAt,
        Instant expiresAt,
        long version,
        Map<String, Object> attributes);
  }

  /** A record's user as it is held, without the {@code Optional} of the public accessor. */
  @FunctionalInterface
  public interface UserIds {
    @Nullable String of(SessionRecord record);
  }

  private static volatile @Nullable Factory factory;
  private static volatile @Nullable UserIds userIds;

  private TrustedRecords() {}

  /**
   * Called once, by {@link SessionRecord}'s initialiser.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void register(Factory f, UserIds u) {
    if (factory != null) {
      throw new IllegalStateException("the session record factory is already registered");
    }
    userIds = u;
    factory = f;
  }

  /** {@code record.userId().orElse(null)}, allocating nothing (read per request, issue 18). */
  public static @Nullable String userId(SessionRecord record) {
    UserIds u = userIds;
    if (u == null) {
      initialise(); // a record exists, so this only orders the read after registration
      u = userIds;
    }
    return Objects.requireNonNull(u, "SessionRecord registers its reader").of(record);
  }

  /** A record over attributes already checked (JSON-shaped) and copied by the caller. */
  public static SessionRecord ofChecked(
      String key,
      @Nullable String userId,
      Instant createdAt,
      Instant expiresAt,
      long version,
      Map<String, Object> attributes) {
    Factory f = factory;
    if (f == null) {
      initialise();
      f = factory;
    }
    return Objects.requireNonNull(f, "SessionRecord registers its factory")
        .create(key, userId, createdAt, expiresAt, version, attributes);
  }

  private static void initialise() {
    try {
      Class.forName(SessionRecord.class.getName(), true, SessionRecord.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
