package dev.armet.cookie;

/** RFC 6265bis grammar checks, shared by the writer and configuration. */
final class CookieSyntax {
  private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

  private CookieSyntax() {}

  /** cookie-name = token (RFC 9110 §5.6.2). */
  static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("cookie name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "cookie name '"
                + printable(name)
                + "' has "
                + describe(c)
                + " at index "
                + i
                + "; a name is a token: ASCII letters, digits and"
                + " !#$%&'*+-.^_`|~");
      }
    }
  }

  /** cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash. */
  static void checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
        throw new IllegalArgumentException(
            "value of cookie '"
                + name
                + "' has "
                + describe(c)
                + " at index "
                + i
                + "; encode it first (e.g. base64url)");
      }
    }
  }

  /** An attribute value (Path, Domain): no control characters and no ';'. */
  static void checkAttribute(String attribute, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(attribute + " must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == ';' || c == ' ' || c == ',') {
        throw new IllegalArgumentException(
            attribute + " '" + printable(value) + "' has " + describe(c) + " at index " + i);
      }
    }
  }

  static String describe(char c) {
    switch (c) {
      case ';':
        return "';'";
      case ',':
        return "','";
      case ' ':
        return "a space";
      case '\r':
        return "a carriage return";
      case '\n':
        return "a line feed";
      case '\t':
        return "a tab";
      default:
        return c < 0x20 || c == 0x7f
            ? String.format("control character U+%04X", (int) c)
            : c > 0x7f ? String.format("non-ASCII character U+%04X", (int) c) : "'" + c + "'";
    }
  }

  /** The text with anything unprintable escaped, so an error message cannot inject lines. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 64 ? out + "…" : out.toString();
  }
}
