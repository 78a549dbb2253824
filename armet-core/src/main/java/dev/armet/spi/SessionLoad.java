package dev.armet.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One session read, made ready before it is needed, so that a store can send it together with the
 * request's rate-limit decision: one network round trip for both (issue 18). {@link
 * SessionStore#prepareLoad} makes one without sending anything; {@link
 * RateLimitStore#execute(RateLimitCommand, SessionLoad)} may send it alongside its decision; {@link
 * #result()} answers what {@link SessionStore#load} would, reading then if nothing sent it earlier.
 * A store that cannot combine the two keeps the defaults, and reads happen as before: only when
 * {@link #result()} is called, never for a refused request.
 *
 * <p>Failures stay apart: a failed decision never becomes this read's result, nor a failed read the
 * decision's. {@link #result()} throws what {@code load} throws (the request then fails closed).
 * Used by one request's thread; not thread-safe.
 *
 * <pre>{@code
 * SessionLoad read = sessionStore.prepareLoad(key);
 * RateLimitCommand.Result decided = limitStore.execute(command, read); // may carry the read
 * Optional<SessionRecord> record = read.result();                      // no second trip then
 * }</pre>
 */
public interface SessionLoad {
  /** The store key read. */
  String key();

  /**
   * The live record under {@link #key()}, as {@link SessionStore#load} answers it; read now if it
   * was not sent with a decision.
   */
  Optional<SessionRecord> result();

  /** A read that happens when {@link #result()} is first called: the default for every store. */
  static SessionLoad deferred(SessionStore store, String key) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    return new SessionLoad() {
      private boolean read;
      private Optional<SessionRecord> result = Optional.empty();

      @Override
      public String key() {
        return key;
      }

      @Override
      public Optional<SessionRecord> result() {
        if (!read) {
          result = store.load(key);
          read = true;
        }
        return result;
      }
    };
  }
}
