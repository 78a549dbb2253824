package dev.armet.cookie;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The cookies a client sent, read from {@code Cookie} headers the way browsers and RFC 6265bis
 * §5.4 do. Reading never throws on client input: empty pairs, pairs without {@code =}, stray
 * spaces, and anything past the bounds (16 KiB of header text, 200 cookies) are ignored;
 * surrounding double quotes are removed from a value; duplicates are kept in order (the browser
 * sends the most specific path first).
 *
 * <pre>{@code
 * RequestCookies cookies = RequestCookies.parse(request.getHeader("Cookie"));
 * Optional<String> id = cookies.first("__Host-id");
 * }</pre>
 */
public final class RequestCookies {
  static final int MAX_HEADER_CHARS = 16 * 1024;
  static final int MAX_COOKIES = 200;
  private static final RequestCookies EMPTY = new RequestCookies(Collections.emptyList());

  private final List<String[]> pairs;

  private RequestCookies(List<String[]> pairs) {
    this.pairs = pairs;
  }

  /** No cookies. */
  public static RequestCookies empty() {
    return EMPTY;
  }

  /** Reads one or more {@code Cookie} header values; nulls are skipped. */
  public static RequestCookies parse(String... headers) {
    if (headers == null) {
      return EMPTY;
    }
    return parse(java.util.Arrays.asList(headers));
  }

  /** Reads {@code Cookie} header values; nulls are skipped. */
  public static RequestCookies parse(Iterable<String> headers) {
    List<String[]> pairs = new ArrayList<>();
    int budget = MAX_HEADER_CHARS;
    for (String header : headers) {
      if (header == null || budget <= 0) {
        continue;
      }
      String text = header.length() > budget ? header.substring(0, budget) : header;
      budget -= text.length();
      CookieHeaderReader.read(text, pairs, MAX_COOKIES);
    }
    return pairs.isEmpty() ? EMPTY : new RequestCookies(Collections.unmodifiableList(pairs));
  }

  /** The first value sent for {@code name}. */
  public Optional<String> first(String name) {
    for (String[] pair : pairs) {
      if (pair[0].equals(name)) {
        return Optional.of(pair[1]);
      }
    }
    return Optional.empty();
  }

  /** Every value sent for {@code name}, in header order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (String[] pair : pairs) {
      if (pair[0].equals(name)) {
        out.add(pair[1]);
      }
    }
    return out;
  }

  /** The number of cookies read. */
  public int size() {
    return pairs.size();
  }

  /** The cookie names, in header order, with duplicates. */
  public List<String> names() {
    List<String> out = new ArrayList<>(pairs.size());
    for (String[] pair : pairs) {
      out.add(pair[0]);
    }
    return out;
  }
}
