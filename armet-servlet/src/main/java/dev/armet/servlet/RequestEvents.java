package dev.armet.servlet;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventContext;
import jakarta.servlet.http.HttpServletRequest;

/** The request fields of security events: the client's address and the URI's path. */
final class RequestEvents {
  private RequestEvents() {}

  /** Makes {@code request} the current one for events created on this thread until closed. */
  static SecurityEventContext.Scope enter(HttpServletRequest request) {
    // The address the filter resolved (kept in a request attribute): a container may format the
    // peer's address anew on every getRemoteAddr().
    return SecurityEventContext.enter(ClientAddressRequest.of(request).address(), uri(request));
  }

  /** {@code event} naming {@code request} (for components that may run outside the filter). */
  static SecurityEvent about(SecurityEvent event, HttpServletRequest request) {
    return event.request(request.getRemoteAddr(), uri(request));
  }

  /**
   * The request URI as sent, without the query string (it may carry a token) and without path
   * parameters ({@code ;jsessionid=…} is a session id).
   */
  static String uri(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri == null || uri.indexOf(';') < 0) {
      return uri;
    }
    StringBuilder out = new StringBuilder(uri.length());
    boolean inParameter = false;
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == ';') {
        inParameter = true;
      } else if (c == '/') {
        inParameter = false;
      }
      if (!inParameter) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
