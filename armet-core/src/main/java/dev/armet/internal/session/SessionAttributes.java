package dev.armet.internal.session;

import dev.armet.session.Session;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. A session attribute as it is held, without the {@code Optional} of {@link
 * Session#get(String)}: for the servlet {@code HttpSession.getAttribute}, read on most requests
 * (issue 18). {@link Session} registers its reader when it is initialised (the JDK's "shared
 * secrets" pattern); the package is exported to the servlet module only.
 */
public final class SessionAttributes {
  /** {@code session.get(name).orElse(null)}, allocating nothing. */
  @FunctionalInterface
  public interface Reader {
    @Nullable Object get(Session session, String name);
  }

  private static volatile @Nullable Reader reader;

  private SessionAttributes() {}

  /**
   * Called once, by {@link Session}'s initialiser.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void register(Reader r) {
    if (reader != null) {
      throw new IllegalStateException("the session attribute reader is already registered");
    }
    reader = Objects.requireNonNull(r);
  }

  /** {@code session.get(name).orElse(null)}, allocating nothing. */
  public static @Nullable Object get(Session session, String name) {
    // A session exists, so its class is initialised and registered the reader.
    return Objects.requireNonNull(reader, "Session registers its reader").get(session, name);
  }
}
