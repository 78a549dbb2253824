package @@PACKAGE@@;

import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's model holds: {@code cspNonce}, the nonce Armet put in this response's
 * Content-Security-Policy (request attribute {@link ArmetFilter#CSP_NONCE}), for
 * {@code <script th:nonce="${cspNonce}">}; {@code user}, the signed-in username or null. The
 * CSRF token needs nothing here: Armet puts it in the request attribute {@code _csrf}
 * ({@code ${_csrf.parameterName}}, {@code ${_csrf.token}}).
 */
@ControllerAdvice
class PageModel {
  @ModelAttribute("cspNonce")
  String cspNonce(HttpServletRequest request) {
    return (String) request.getAttribute(ArmetFilter.CSP_NONCE);
  }

  @ModelAttribute("user")
  String signedIn(HttpServletRequest request) {
    return user(request).orElse(null);
  }

  /** Pages carry a CSRF token and a user's data: no cache may keep them. */
  @ModelAttribute
  void noStore(HttpServletRequest request) {
    ArmetHeaders.of(request).noStore();
  }

  /** The signed-in user of this request's Armet session. */
  static Optional<String> user(HttpServletRequest request) {
    return ServletSessions.of(request).flatMap(Session::userId);
  }

  /** This request's Armet session (the starter gives every request one). */
  static Session session(HttpServletRequest request) {
    return ServletSessions.of(request).orElseThrow(() -> new IllegalStateException("Armet sessions are off"));
  }
}
