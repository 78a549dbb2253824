package dev.armet.demo;

import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every page's frame shows: its title, who is signed in, this response's CSP nonce and CSRF
 * field, and the "what protects this page" panel. {@link #of} is the one place a template's nonce
 * comes from.
 *
 * @param user null when nobody is signed in
 */
record Frame(
    String title,
    String nonce,
    String user,
    CsrfField csrf,
    String scriptIntegrity,
    Protections protections) {

  /**
   * The frame of this response. Marks it {@code no-store} first (pages carry a CSRF token and
   * session data), so the panel's header list shows that too.
   */
  static Frame of(HttpServletRequest request, HttpServletResponse response, String title) {
    ArmetHeaders headers = ArmetHeaders.of(request);
    headers.noStore();
    String nonce = headers.nonce();
    String user = ServletSessions.of(request).flatMap(Session::userId).orElse(null);
    CsrfField csrf = CsrfField.of(ServletCsrf.token(request).orElseThrow());
    return new Frame(
        title, nonce, user, csrf, Assets.SCRIPT_INTEGRITY, Protections.of(request, response));
  }
}
