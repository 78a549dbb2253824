package dev.armet.demo;

import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.csrf.ServletCsrf;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gathers what the home page shows from the request and its session, and writes the page. */
final class HomeView {
  static final String VISITS = "visits";

  private HomeView() {}

  static void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    HttpSession session = request.getSession(false);
    int visits = session != null && session.getAttribute(VISITS) instanceof Number n ? n.intValue() : 0;
    String user = ServletSessions.of(request).flatMap(Session::userId).orElse(null);
    String nonce = ArmetHeaders.of(request).nonce();
    ArmetHeaders.of(request).noStore(); // before the header table is read, so it lists this too
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String name : response.getHeaderNames()) {
      headers.add(Map.entry(name, String.join(", ", response.getHeaders(name))));
    }
    HomePage.Model model = new HomePage.Model(nonce, request.isSecure(), headers, visits, user,
        Notes.of(session), PageLayout.CsrfField.of(ServletCsrf.token(request).orElseThrow()), message);
    HtmlResponse.write(request, response, status, HomePage.render(model));
  }
}
