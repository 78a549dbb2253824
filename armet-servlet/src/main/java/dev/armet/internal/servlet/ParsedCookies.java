package dev.armet.internal.servlet;

import dev.armet.cookie.RequestCookies;
import dev.armet.internal.cookie.CookieText;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request's cookies, parsed once per request and kept in a request attribute: the session step
 * and CSRF protection read the same {@link RequestCookies} (one parse of the Cookie header), kept
 * in the request's {@link RequestState}.
 */
public final class ParsedCookies {
  private ParsedCookies() {}

  /** The cookies of {@code request}, parsed on first use. */
  public static RequestCookies of(HttpServletRequest request) {
    RequestState state = RequestState.of(request);
    RequestCookies parsed = state.cookies();
    if (parsed != null) {
      return parsed;
    }
    RequestCookies cookies = parse(request.getHeaders("Cookie"));
    state.cookies(cookies);
    return cookies;
  }

  /**
   * One header (HTTP/1.1 browsers send one) is read as it is, with no list and no joined copy;
   * several (HTTP/2 may split them) are joined as before.
   */
  private static RequestCookies parse(@Nullable Enumeration<String> headers) {
    if (headers == null || !headers.hasMoreElements()) {
      return RequestCookies.empty();
    }
    String first = headers.nextElement();
    if (!headers.hasMoreElements()) {
      return CookieText.parse(first); // RequestCookies.parse(first), without its varargs array
    }
    List<String> all = new ArrayList<>(4);
    all.add(first);
    all.addAll(Collections.list(headers));
    return RequestCookies.parse(all);
  }
}
