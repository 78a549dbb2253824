package dev.armet.servlet.csrf;

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

/** The few lines ArmetFilter runs for sessions and CSRF, as a test-only filter. */
final class CsrfTestFilter implements Filter {
  private final Sessions sessions;
  private final ServletCsrf csrf;

  CsrfTestFilter(Sessions sessions, ServletCsrf csrf) {
    this.sessions = sessions;
    this.csrf = csrf;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    SessionExchange exchange =
        SessionExchange.begin(sessions, (HttpServletRequest) req, (HttpServletResponse) res);
    try {
      if (csrf.apply(exchange.request(), exchange.response())) {
        chain.doFilter(exchange.request(), exchange.response());
      }
    } finally {
      exchange.commit();
    }
  }
}
