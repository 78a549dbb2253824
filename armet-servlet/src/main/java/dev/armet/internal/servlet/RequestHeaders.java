package dev.armet.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/** A request header as one value: several header lines joined with commas. */
public final class RequestHeaders {
  private RequestHeaders() {}

  /** Every {@code name} header of {@code request}, comma-joined; null when it has none. */
  public static @Nullable String joined(HttpServletRequest request, String name) {
    // Most requests carry no forwarding header: getHeader answers that without the enumeration
    // getHeaders makes.
    if (request.getHeader(name) == null) {
      return null;
    }
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    StringBuilder all = new StringBuilder(first);
    for (String v : Collections.list(values)) {
      all.append(',').append(v);
    }
    return all.toString();
  }
}
