package dev.armet.internal.cookie;

import dev.armet.cookie.RequestCookies;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link RequestCookies} read without an object per read (issue 18): one header parsed
 * without the varargs array of {@link RequestCookies#parse(String...)}, and a value located in the
 * header text ({@link #span}) rather than viewed through {@link RequestCookies#value(String,
 * int)}'s {@code CharSequence}, so the session's verified-cookie cache hashes it in place. {@link
 * RequestCookies} registers its reader when it is initialised (the JDK's "shared secrets" pattern);
 * the package is exported to the servlet module only.
 */
public final class CookieText {
  /** What {@link RequestCookies} gives. */
  public interface Reader {
    RequestCookies parse(@Nullable String header);

    String text(RequestCookies cookies);

    int span(RequestCookies cookies, String name, int n);
  }

  private static volatile @Nullable Reader reader;

  private CookieText() {}

  /**
   * Called once, by {@link RequestCookies}'s initialiser.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void register(Reader r) {
    if (reader != null) {
      throw new IllegalStateException("the cookie reader is already registered");
    }
    reader = Objects.requireNonNull(r);
  }

  private static Reader reader() {
    Reader r = reader;
    if (r == null) {
      RequestCookies.empty(); // initialises RequestCookies, which registers
      r = reader;
    }
    return Objects.requireNonNull(r, "RequestCookies registers its reader");
  }

  /** {@code RequestCookies.parse(header)} for one header (null: none). */
  public static RequestCookies parse(@Nullable String header) {
    return reader().parse(header);
  }

  /** The header text the cookies were read from. */
  public static String text(RequestCookies cookies) {
    return reader().text(cookies);
  }

  /**
   * Where {@code cookies.value(name, n)} lies in {@link #text}: {@link #from} and {@link #to} of
   * the answer.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= n < cookies.count(name)}
   */
  public static int span(RequestCookies cookies, String name, int n) {
    return reader().span(cookies, name, n);
  }

  /** The first char of a {@link #span}'s value. */
  public static int from(int span) {
    return span >>> 16;
  }

  /** One past the last char of a {@link #span}'s value. */
  public static int to(int span) {
    return span & 0xFFFF;
  }
}
