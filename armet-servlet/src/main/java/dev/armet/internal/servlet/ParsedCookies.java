package dev.armet.internal.servlet;

import dev.armet.cookie.RequestCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;

/**
 * The request's cookies, parsed once per request and kept in a request attribute: the session step
 * and CSRF protection read the same {@link RequestCookies} (one parse of the Cookie header).
 */
public final class ParsedCookies {
  private static final String ATTRIBUTE = RequestCookies.class.getName();

  private ParsedCookies() {}

  /** The cookies of {@code request}, parsed on first use. */
  public static RequestCookies of(HttpServletRequest request) {
    Object parsed = request.getAttribute(ATTRIBUTE);
    if (parsed instanceof RequestCookies) {
      return (RequestCookies) parsed;
    }
    RequestCookies cookies = RequestCookies.parse(Collections.list(request.getHeaders("Cookie")));
    request.setAttribute(ATTRIBUTE, cookies);
    return cookies;
  }
}
