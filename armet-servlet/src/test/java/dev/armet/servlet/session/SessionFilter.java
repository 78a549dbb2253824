package dev.armet.servlet.session;

import dev.armet.internal.servlet.session.SessionExchange;
import dev.armet.session.Sessions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The few lines ArmetFilter runs for sessions, as a test-only filter (shared by the test-jar). */
public final class SessionFilter implements Filter {
  private final Sessions sessions;

  public SessionFilter(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    SessionExchange exchange =
        SessionExchange.begin(sessions, (HttpServletRequest) req, (HttpServletResponse) res);
    try {
      chain.doFilter(exchange.request(), exchange.response());
    } finally {
      exchange.commit();
    }
  }
}
