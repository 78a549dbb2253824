package dev.armet.event;

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
  private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

  private SecurityEventContext() {}

  /**
   * Makes {@code sourceAddress} and {@code requestUri} the current request of this thread until the
   * scope is closed (which restores the previous one). Either may be null when unknown.
   */
  public static Scope enter(String sourceAddress, String requestUri) {
    Request previous = CURRENT.get();
    CURRENT.set(new Request(sourceAddress, requestUri));
    return new Scope(previous);
  }

  static Request current() {
    return CURRENT.get();
  }

  static final class Request {
    final String sourceAddress;
    final String requestUri;

    Request(String sourceAddress, String requestUri) {
      this.sourceAddress = sourceAddress;
      this.requestUri = requestUri;
    }
  }

  /**
   * Ends a request's context on this thread; close it in a {@code finally} (try-with-resources).
   */
  public static final class Scope implements AutoCloseable {
    private final Request previous;

    private Scope(Request previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
