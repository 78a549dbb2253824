package dev.armet.internal.servlet.session;

import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Answers every session question from the Armet session and never from the container, so the
 * container's own session (and its {@code JSESSIONID}) is never created.
 */
final class SessionRequest extends HttpServletRequestWrapper {
  private final SessionExchange exchange;
  private final Session session;
  private final boolean arrivedValid;
  private @Nullable ArmetHttpSession view;

  SessionRequest(HttpServletRequest request, SessionExchange exchange) {
    super(request);
    this.exchange = exchange;
    this.session = exchange.session();
    this.arrivedValid = session.exists();
  }

  @Override
  public @Nullable HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public synchronized @Nullable HttpSession getSession(boolean create) {
    if (view != null && view.isValid() && session.exists()) {
      return view;
    }
    if (!session.exists()) {
      if (!create) {
        return null;
      }
      view = null;
      checkOpen();
      session.create();
    }
    if (view == null || !view.isValid()) {
      view = new ArmetHttpSession(session, exchange, getServletContext());
    }
    return view;
  }

  /** Servlet 3.1's fixation defence, mapped to {@link Session#regenerate()}. */
  @Override
  public synchronized String changeSessionId() {
    if (!session.exists()) {
      throw new IllegalStateException("changeSessionId() needs a session; call getSession() first");
    }
    checkOpen();
    session.regenerate();
    return ((ArmetHttpSession) Objects.requireNonNull(getSession(false))).getId();
  }

  @Override
  public @Nullable String getRequestedSessionId() {
    return arrivedValid ? session.handle().orElse(null) : null;
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return arrivedValid && session.exists() && session.handle().isPresent();
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return arrivedValid;
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false; // ids in URLs leak through Referer and logs; Armet never reads them
  }

  private void checkOpen() {
    if (exchange.isCommitted()) {
      throw new IllegalStateException(
          "the session was already committed with the response;"
              + " create or change it before writing the body");
    }
  }
}
