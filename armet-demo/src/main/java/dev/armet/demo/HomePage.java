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

  record Model(String nonce, boolean secure, List<Map.Entry<String, String>> headers) {}

  private HomePage() {}

  static String render(Model model) {
    StringBuilder out = new StringBuilder(8192);
    out.append("""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Armet demo</title>
        <link rel="stylesheet" href="/static/armet.css">
        </head>
        <body>
        <main>
        <h1>Armet</h1>
        <p class="lead">Production security for Java web applications: the protections Express
        users get from Helmet, express-session, csurf and rate-limiter-flexible, as one
        secure-by-default toolkit for the JVM, a hardened Jetty server, and an auditor.</p>

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
    out.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    return out.toString();
  }
}
