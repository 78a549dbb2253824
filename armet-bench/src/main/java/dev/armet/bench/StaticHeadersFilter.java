package dev.armet.bench;

import dev.armet.headers.SecurityHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Control targets for the load benchmark, to split the filter's cost into its parts: with no
 * headers this is a do-nothing filter (the price of a filter in the chain); with headers it sets
 * exactly the headers {@code ArmetFilter} sends on a plain-HTTP request, and nothing else (the
 * price of the headers themselves in the container: setting, serialising, sending, parsing).
 */
final class StaticHeadersFilter implements Filter {
  private final String[] names;
  private final String[] values;

  private StaticHeadersFilter(List<String> names, List<String> values) {
    this.names = names.toArray(new String[0]);
    this.values = values.toArray(new String[0]);
  }

  /** A filter that only passes the request on. */
  static StaticHeadersFilter none() {
    return new StaticHeadersFilter(List.of(), List.of());
  }

  /** A filter that sets what {@link SecurityHeaders#defaults()} writes on a plain-HTTP request. */
  static StaticHeadersFilter armetDefaults() {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    SecurityHeaders.defaults()
        .write(
            (n, v) -> {
              names.add(n);
              values.add(v);
            },
            false,
            "/",
            null);
    return new StaticHeadersFilter(names, values);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) res;
    for (int i = 0; i < names.length; i++) {
      response.setHeader(names[i], values[i]);
    }
    chain.doFilter(req, res);
  }
}
