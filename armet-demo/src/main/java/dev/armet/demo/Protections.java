package dev.armet.demo;

import dev.armet.cookie.SetCookie;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "what protects this page" panel: this response's security headers as sent, the session
 * cookie's attributes, the session's age and whether its id was rotated at sign-in, which CSRF
 * layer accepted the last form, and the rate-limit headers. Values are shown as they are; the
 * template escapes them.
 *
 * @param session null when the request has no session
 * @param rotatedAt null unless the id was rotated at sign-in in this session
 * @param csrfLayer null until a form was posted in this session
 */
record Protections(
    boolean secure,
    List<Map.Entry<String, String>> headers,
    String cookie,
    String session,
    String rotatedAt,
    String csrfLayer,
    String rateLimit) {
  /** Session attribute: when the id was rotated at sign-in (epoch ms). */
  static final String ROTATED_AT = "rotatedAt";

  /** Session attribute: which CSRF layer accepted the last form posted. */
  static final String CSRF_LAYER = "csrfLayer";

  static Protections of(HttpServletRequest request, HttpServletResponse response) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String rateLimit = null;
    for (String name : response.getHeaderNames()) {
      String value = String.join(", ", response.getHeaders(name));
      headers.add(Map.entry(name, value));
      if (name.toLowerCase(Locale.ROOT).startsWith("ratelimit")) {
        rateLimit =
            rateLimit == null ? name + ": " + value : rateLimit + "; " + name + ": " + value;
      }
    }
    Session session = ServletSessions.of(request).orElse(null);
    String cookie = session == null ? null : describe(session.cookie());
    String age = null;
    if (session != null && session.createdAt().isPresent()) {
      age = "created " + ago(session.createdAt().get()) + " ago";
    }
    HttpSession http = request.getSession(false);
    String rotated =
        http != null && http.getAttribute(ROTATED_AT) instanceof Number n
            ? ago(Instant.ofEpochMilli(n.longValue())) + " ago, at sign-in (Session.regenerate())"
            : null;
    String csrf = http != null && http.getAttribute(CSRF_LAYER) instanceof String s ? s : null;
    return new Protections(
        request.isSecure(),
        List.copyOf(headers),
        cookie,
        age,
        rotated,
        csrf,
        rateLimit == null
            ? "none on this route (the sign-in and sign-up posts are limited)"
            : rateLimit);
  }

  /** Which layer of ArmetFilter's CSRF check let this (already accepted) form post through. */
  static String csrfLayer(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return "Fetch Metadata (Sec-Fetch-Site: " + site + ")";
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.equals("null")) {
      return "Origin header matches this server";
    }
    return "the masked token in the form's _csrf field";
  }

  private static String describe(SetCookie c) {
    StringBuilder s = new StringBuilder(c.name()).append("; Path=").append(c.path());
    c.domain().ifPresent(d -> s.append("; Domain=").append(d));
    if (c.secure()) {
      s.append("; Secure");
    }
    if (c.httpOnly()) {
      s.append("; HttpOnly");
    }
    s.append("; SameSite=").append(c.sameSite().attribute());
    if (c.partitioned()) {
      s.append("; Partitioned");
    }
    return s.toString();
  }

  static String ago(Instant then) {
    Duration d = Duration.between(then, Instant.now());
    if (d.isNegative() || d.toSeconds() < 60) {
      return Math.max(0, d.toSeconds()) + " s";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + " min";
    }
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }
}
