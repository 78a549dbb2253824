package dev.armet.cookie;

import dev.armet.internal.cookie.CookieText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cookies a client sent, read from {@code Cookie} headers the way browsers and RFC 6265bis §5.4
 * do. Reading never throws on client input: empty pairs, pairs without {@code =}, stray spaces, and
 * anything past the bounds (16 KiB of header text, 200 cookies) are ignored; surrounding double
 * quotes are removed from a value; duplicates are kept in order (the browser sends the most
 * specific path first). Parsing records offsets only; strings are made on lookup.
 *
 * <pre>{@code
 * RequestCookies cookies = RequestCookies.parse(request.getHeader("Cookie"));
 * Optional<String> id = cookies.first("__Host-id");
 * }</pre>
 */
public final class RequestCookies {
  static final int MAX_HEADER_CHARS = 16 * 1024; // at most Character.MAX_VALUE: offsets are chars
  static final int MAX_COOKIES = 200;
  private static final RequestCookies EMPTY = new RequestCookies("", new char[0], 0);

  static {
    CookieText.register(
        new CookieText.Reader() {
          @Override
          public RequestCookies parse(@Nullable String header) {
            return read(header);
          }

          @Override
          public String text(RequestCookies cookies) {
            return cookies.text;
          }

          @Override
          public int span(RequestCookies cookies, String name, int n) {
            return cookies.span(name, n);
          }
        });
  }

  private final String text;

  /**
   * Per cookie: name start, name end, value start, value end. Chars, half the size of ints: the
   * text is at most {@link #MAX_HEADER_CHARS} long, so every offset fits (issue 18).
   */
  private final char[] offsets;

  private final int count;

  private RequestCookies(String text, char[] offsets, int count) {
    this.text = text;
    this.offsets = offsets;
    this.count = count;
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
    if (headers.length == 1) {
      return read(headers[0]);
    }
    return parse(Arrays.asList(headers));
  }

  /** Reads {@code Cookie} header values; nulls are skipped. */
  public static RequestCookies parse(Iterable<String> headers) {
    StringBuilder joined = new StringBuilder();
    for (String header : headers) {
      if (header != null) {
        // ';' separates pairs exactly as a new header would.
        joined.append(joined.length() == 0 ? "" : ";").append(header);
      }
    }
    return read(joined.toString());
  }

  private static RequestCookies read(@Nullable String header) {
    if (header == null || header.isEmpty()) {
      return EMPTY;
    }
    String text =
        header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
    int pairs = 1;
    for (int i = 0; i < text.length() && pairs < MAX_COOKIES; i++) {
      pairs += text.charAt(i) == ';' ? 1 : 0;
    }
    // Sized once: a 20-cookie header allocates no regrowth.
    char[] offsets = new char[4 * pairs];
    int count = 0;
    int start = 0;
    int len = text.length();
    while (start < len && count < MAX_COOKIES) {
      int end = text.indexOf(';', start);
      if (end < 0) {
        end = len;
      }
      if (CookieHeaderReader.pair(text, start, end, offsets, count * 4)) {
        count++;
      }
      start = end + 1;
    }
    return count == 0 ? EMPTY : new RequestCookies(text, offsets, count);
  }

  /** The first value sent for {@code name}. */
  public Optional<String> first(String name) {
    for (int i = 0; i < count; i++) {
      if (nameIs(i, name)) {
        return Optional.of(value(i));
      }
    }
    return Optional.empty();
  }

  /** How many values were sent for {@code name}. */
  public int count(String name) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (nameIs(i, name)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The {@code n}th value sent for {@code name} (from 0, in header order), read in place: the
   * characters are not copied until {@code toString()}, so a session cookie that a cache already
   * knows is hashed from the header itself (issue 18).
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= n < count(name)}
   */
  public CharSequence value(String name, int n) {
    int span = span(name, n);
    return new CookieValue(text, CookieText.from(span), CookieText.to(span));
  }

  /** Where {@link #value(String, int)} lies in the text: from, to ({@link CookieText}). */
  private int span(String name, int n) {
    int seen = 0;
    for (int i = 0; i < count; i++) {
      if (nameIs(i, name) && seen++ == n) {
        return offsets[4 * i + 2] << 16 | offsets[4 * i + 3];
      }
    }
    throw new IndexOutOfBoundsException("no value " + n + " for this cookie name");
  }

  /** Every value sent for {@code name}, in header order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < count; i++) {
      if (nameIs(i, name)) {
        out.add(value(i));
      }
    }
    return out;
  }

  /** The number of cookies read. */
  public int size() {
    return count;
  }

  /** The cookie names, in header order, with duplicates. */
  public List<String> names() {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(text.substring(offsets[4 * i], offsets[4 * i + 1]));
    }
    return out;
  }

  private boolean nameIs(int i, String name) {
    int from = offsets[4 * i];
    int length = offsets[4 * i + 1] - from;
    return length == name.length() && text.regionMatches(from, name, 0, length);
  }

  private String value(int i) {
    return text.substring(offsets[4 * i + 2], offsets[4 * i + 3]);
  }
}
