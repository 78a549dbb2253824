package dev.armet.servlet.session;

import dev.armet.internal.servlet.RequestState;
import dev.armet.session.Session;
import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * The Armet {@link Session} of a servlet request that went through {@code ArmetFilter} (built with
 * sessions), for what {@code HttpSession} cannot say, such as {@link Session#userId(String)}.
 * Behind the filter, {@code request.getSession()} returns the same session as an {@code
 * HttpSession} and the container's own session is never created.
 *
 * <p>What existing {@code HttpSession} code should know: values must be JSON-shaped (String,
 * Number, Boolean, List, Map, null) and {@code setAttribute} says so otherwise; values read back
 * are unmodifiable (change a list by setting a new one, so the change is seen and saved); integral
 * numbers come back as the smallest of Integer, Long, BigInteger (so cast to {@code Number} when
 * storing longs); {@code getId()} is a non-secret handle, not the cookie; timeouts come from the
 * Armet configuration, not {@code setMaxInactiveInterval}; the session must be changed before the
 * body is written (afterwards is an {@code IllegalStateException}).
 *
 * <pre>{@code
 * Session session = ServletSessions.of(request).orElseThrow();
 * session.userId(user);   // after a successful login: renews the session id
 * }</pre>
 */
public final class ServletSessions {
  private ServletSessions() {}

  /** The Armet session of a request that went through the filter; empty otherwise. */
  public static Optional<Session> of(ServletRequest request) {
    RequestState state = RequestState.find(request);
    return state == null ? Optional.empty() : Optional.ofNullable(state.session());
  }
}
