package dev.armet.event;

import org.jspecify.annotations.Nullable;

/**
 * The request a thread is serving, so that every {@link SecurityEvent} created meanwhile names its
 * source address and request URI, whichever component records it. Armet's servlet filter enters it
 * for each request; another adapter does the same around its own dispatch.
 *
 * <pre>{@code
 * try (SecurityEventContext.Scope s = SecurityEventContext.enter(clientAddress, request.getRequestURI())) {
 *   chain.doFilter(request, response);
 * }
 * }</pre>
 *
 * <p>Give the path only, never the query string (it may carry a token). Work handed to another
 * thread does not carry the context.
 */
public final class SecurityEventContext {
  /**
   * One reused slot per thread rather than a new entry per request (issue 18): it holds the current
   * request while a scope is open and nothing once the outermost scope closes.
   */
  private static final ThreadLocal<Request> CURRENT = ThreadLocal.withInitial(Request::new);

  private SecurityEventContext() {}

  /**
   * Makes {@code sourceAddress} and {@code requestUri} the current request of this thread until the
   * scope is closed (which restores the previous one). Either may be null when unknown.
   */
  public static Scope enter(String sourceAddress, String requestUri) {
    Request current = CURRENT.get();
    // The outermost scope of a thread is its slot's own; only a nested one saves what it hides.
    Scope scope =
        current.active
            ? new Scope(current, current.sourceAddress, current.requestUri)
            : current.outermost;
    current.active = true;
    current.sourceAddress = sourceAddress;
    current.requestUri = requestUri;
    return scope;
  }

  /** The request of this thread's open scope, or null. */
  static @Nullable Request current() {
    Request current = CURRENT.get();
    return current.active ? current : null;
  }

  /** The current request of one thread; touched by that thread only. */
  static final class Request {
    @Nullable String sourceAddress;
    @Nullable String requestUri;
    boolean active;
    final Scope outermost = new Scope(this);
  }

  /**
   * Ends a request's context on this thread; close it in a {@code finally} (try-with-resources), on
   * the thread that entered it.
   */
  public static final class Scope implements AutoCloseable {
    private final Request slot;
    private final boolean nested;
    private final @Nullable String previousAddress;
    private final @Nullable String previousUri;

    private Scope(Request slot) {
      this.slot = slot;
      this.nested = false;
      this.previousAddress = null;
      this.previousUri = null;
    }

    private Scope(Request slot, @Nullable String previousAddress, @Nullable String previousUri) {
      this.slot = slot;
      this.nested = true;
      this.previousAddress = previousAddress;
      this.previousUri = previousUri;
    }

    @Override
    public void close() {
      if (!nested) {
        slot.active = false;
      }
      slot.sourceAddress = previousAddress;
      slot.requestUri = previousUri;
    }
  }
}
