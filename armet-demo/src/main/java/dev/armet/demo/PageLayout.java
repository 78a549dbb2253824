package dev.armet.demo;

import dev.armet.csrf.CsrfToken;
import org.owasp.encoder.Encode;

/** The frame every demo page shares, and the hidden CSRF field every form carries. */
final class PageLayout {
  private PageLayout() {}

  static StringBuilder begin(String title) {
    StringBuilder out = new StringBuilder(8192);
    out.append("""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>""").append(Encode.forHtml(title)).append("""
        </title>
        <link rel="stylesheet" href="/static/armet.css">
        </head>
        <body>
        <main>
        """);
    return out;
  }

  static String end(StringBuilder out) {
    return out.append("</main>\n</body>\n</html>\n").toString();
  }

  /** The CSRF field of one response: its name and a token masked for this response (BREACH). */
  record CsrfField(String name, String token) {
    /** Mints the token now: call it before the body is written (the secret may need a cookie). */
    static CsrfField of(CsrfToken csrf) {
      return new CsrfField(csrf.getParameterName(), csrf.getToken());
    }
  }

  /** The hidden field every form posts. */
  static void csrfField(StringBuilder out, CsrfField csrf) {
    out.append("<input type=\"hidden\" name=\"").append(Encode.forHtmlAttribute(csrf.name()))
        .append("\" value=\"").append(Encode.forHtmlAttribute(csrf.token())).append("\">");
  }

  /** A paragraph for a message to the user, or nothing. */
  static void message(StringBuilder out, String cssClass, String message) {
    if (message != null) {
      out.append("<p class=\"").append(cssClass).append("\" role=\"alert\">")
          .append(Encode.forHtml(message)).append("</p>\n");
    }
  }
}
