package dev.armet.servlet.csrf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The refusal every client sees: the same short text whatever the reason, so an attacker learns
 * nothing about which layer stopped the request (the reason is in the security event).
 */
final class Forbidden {
  private static final String MESSAGE =
      "This request could not be verified as coming from this"
          + " site. Reload the page and try again.";
  private static final byte[] HTML =
      ("<!doctype html><html lang=en><meta charset=utf-8>"
              + "<title>403 Forbidden</title><h1>Forbidden</h1><p>"
              + MESSAGE
              + "</p></html>\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] JSON =
      ("{\"error\":\"forbidden\",\"message\":\"" + MESSAGE + "\"}\n")
          .getBytes(StandardCharsets.UTF_8);

  private Forbidden() {}

  static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean json = wantsJson(request.getHeader("Accept"));
    byte[] body = json ? JSON : HTML;
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader("Cache-Control", "no-store");
    response.addHeader("Vary", "Accept");
    response.setContentType(json ? "application/json;charset=utf-8" : "text/html;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** JSON for API clients that ask for it and not for HTML; HTML otherwise (browsers). */
  static boolean wantsJson(String accept) {
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(java.util.Locale.ROOT);
    return a.contains("json") && !a.contains("text/html");
  }
}
