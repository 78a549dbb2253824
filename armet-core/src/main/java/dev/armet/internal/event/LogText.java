package dev.armet.internal.event;

import java.util.HexFormat;

/**
 * Renders untrusted text (a path, an Origin, a user agent) inside a log line so that it stays one
 * line and shows what was sent: quotes and backslashes are escaped, and every character a log
 * reader could take as a line break or that changes how the line displays is written as {@code
 * \}{@code uXXXX}. That is: C0 and C1 controls (including U+0085 NEL), DEL, the Unicode line and
 * paragraph separators (U+2028, U+2029), format characters (bidirectional overrides, zero-width
 * characters, the BOM) and unpaired surrogates.
 *
 * <p>Threat: log forging. A value with U+2028 is one line to {@code grep} but two to a reader that
 * follows Unicode (JavaScript, Python's {@code splitlines}, many log viewers), so an attacker could
 * append a fake event.
 */
public final class LogText {
  /** Values longer than this are cut, with an ellipsis, so one field cannot fill the log. */
  public static final int MAX_CHARS = 1024;

  private static final HexFormat HEX = HexFormat.of();

  private LogText() {}

  /** {@code value} in double quotes, escaped, cut after {@link #MAX_CHARS} characters. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    appendQuoted(value, out);
    return out.toString();
  }

  /** Appends {@code value} in double quotes, escaped, cut after {@link #MAX_CHARS} characters. */
  public static void appendQuoted(String value, StringBuilder out) {
    out.append('"');
    int n = Math.min(value.length(), MAX_CHARS);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i)); // a pair (an emoji) is one printable character
      } else if (mustEscape(c)) {
        out.append("\\u").append(HEX.toHexDigits(c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > n) {
      out.append('…');
    }
    out.append('"');
  }

  /** Whether {@code c}, alone, is written as an escape. */
  public static boolean mustEscape(char c) {
    switch (Character.getType(c)) {
      case Character.CONTROL: // C0, DEL, C1 (U+0085 NEL)
      case Character.FORMAT: // bidi overrides, zero-width, BOM
      case Character.LINE_SEPARATOR: // U+2028
      case Character.PARAGRAPH_SEPARATOR: // U+2029
      case Character.SURROGATE: // only reached unpaired
      case Character.UNASSIGNED: // no glyph today; a future separator tomorrow
        return true;
      default:
        return false;
    }
  }
}
