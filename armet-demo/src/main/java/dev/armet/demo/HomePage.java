package dev.armet.demo;

import java.util.List;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * The home page's HTML. Every dynamic value goes through the OWASP encoder for its context
 * (element text or quoted attribute); the only script allowed to run is the one carrying this
 * response's nonce.
 */
final class HomePage {
  /** The nonce script's text, also used to find it in tests. */
  static final String NONCE_SCRIPT = "document.getElementById('nonce-check').textContent = 'nonce script ran';";
  /** An inline script without the nonce: the CSP must block it (and report the violation). */
  static final String BLOCKED_SCRIPT = "document.getElementById('blocked-check').textContent = 'blocked script ran';";

  /**
   * What the page shows: {@code user} is null when nobody is signed in; {@code message} is null
   * unless a note was refused.
   */
  record Model(String nonce, boolean secure, List<Map.Entry<String, String>> headers, int visits,
      String user, List<String> notes, PageLayout.CsrfField csrf, String message) {}

  private HomePage() {}

  static String render(Model model) {
    StringBuilder out = PageLayout.begin("Armet demo");
    out.append("""
        <h1>Armet</h1>
        <p class="lead">Production security for Java web applications: the protections Express
        users get from Helmet, express-session, csurf and rate-limiter-flexible, as one
        secure-by-default toolkit for the JVM, a hardened Jetty server, and an auditor.</p>
        """);
    account(out, model);
    session(out, model);
    notes(out, model);
    out.append("""
        <h2>What this page shows</h2>
        <ul>
        <li>Every response carries Helmet-grade security headers, written by <code>ArmetFilter</code>
        before the application runs, so errors, redirects, static files and async responses get them too.</li>
        <li>The Content-Security-Policy carries a fresh nonce for each response. Inline scripts run only
        when they carry it; anything injected without it is blocked and reported to
        <code>/_armet/csp-report</code>.</li>
        <li>This server speaks HTTPS only: its plain-HTTP port answers every request with a 308 redirect
        to the canonical HTTPS address, and sends no <code>Strict-Transport-Security</code> over HTTP.</li>
        <li>No <code>Server</code> or <code>X-Powered-By</code> header, and error pages that in production
        show neither stack traces nor exception messages. Try <a href="/no-such-page">a missing page</a>.</li>
        </ul>

        <h2>CSP at work</h2>
        <p id="nonce-check" class="check">nonce script did not run</p>
        <p id="blocked-check" class="check">inline script without nonce was blocked</p>
        """);
    out.append("<script nonce=\"").append(Encode.forHtmlAttribute(model.nonce())).append("\">")
        .append(NONCE_SCRIPT).append("</script>\n");
    out.append("<script>").append(BLOCKED_SCRIPT).append("</script>\n");
    out.append("<h2>The security headers of this response</h2>\n");
    out.append("<p>Sent over ").append(model.secure() ? "HTTPS" : "HTTP").append(".</p>\n");
    out.append("<table>\n<thead><tr><th>Header</th><th>Value</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, String> h : model.headers()) {
      out.append("<tr><td><code>").append(Encode.forHtml(h.getKey())).append("</code></td><td><code>")
          .append(Encode.forHtml(h.getValue())).append("</code></td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    return PageLayout.end(out);
  }

  private static void account(StringBuilder out, Model model) {
    out.append("<h2>Account</h2>\n");
    if (model.user() == null) {
      out.append("<p id=\"signed-in\">Not signed in. <a href=\"/login\">Sign in</a></p>\n");
      return;
    }
    out.append("<p id=\"signed-in\">Signed in as <strong>").append(Encode.forHtml(model.user()))
        .append("</strong>.</p>\n<form method=\"post\" action=\"/logout\">");
    PageLayout.csrfField(out, model.csrf());
    out.append("<button type=\"submit\">Log out</button></form>\n");
  }

  private static void session(StringBuilder out, Model model) {
    out.append("<h2>Your session</h2>\n<p>You have visited this page <strong id=\"visits\">")
        .append(model.visits()).append("</strong> ").append(model.visits() == 1 ? "time" : "times")
        .append(" in this session.</p>\n")
        .append("""
            <p>The count lives on the server; your browser holds only a signed session id (the
            <code>__Host-id</code> cookie). Change one character of it and the signature fails: the
            server treats you as a new visitor and starts a fresh session, never an error.</p>
            """);
  }

  private static void notes(StringBuilder out, Model model) {
    out.append("""
        <h2>Notes</h2>
        <p>Posting a note needs this page's CSRF token: a form on another site cannot post one here.</p>
        """);
    PageLayout.message(out, "error", model.message());
    out.append("<form method=\"post\" action=\"/notes\">");
    PageLayout.csrfField(out, model.csrf());
    out.append("<label for=\"note-text\">Note</label> <textarea id=\"note-text\" name=\"text\" rows=\"2\" maxlength=\"")
        .append(Notes.MAX_LENGTH).append("\" required></textarea> <button type=\"submit\">Add note</button></form>\n");
    if (model.notes().isEmpty()) {
      out.append("<p id=\"notes-empty\">No notes in this session yet.</p>\n");
      return;
    }
    out.append("<ul id=\"notes\">\n");
    for (String note : model.notes()) {
      out.append("<li>").append(Encode.forHtml(note)).append("</li>\n");
    }
    out.append("</ul>\n");
    out.append("<form method=\"get\" action=\"/search\"><label for=\"search-q\">Search your notes with a regex</label> "
        + "<input id=\"search-q\" name=\"q\" maxlength=\"").append(SearchServlet.MAX_QUERY)
        .append("\" required> <button type=\"submit\">Search</button> <small>(runs under <code>SafePattern</code>: "
            + "a backtracking regex is refused, not left to hold a thread)</small></form>\n");
  }
}
