package dev.armet.headers;

/** Validation shared by every header builder: a value must not be able to end its header. */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * Rejects a value that could break out of its header or policy: control characters (CR and LF
   * among them), non-ASCII, and the given separators.
   */
  static String check(String what, String value, String forbidden) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            what
                + " contains a control or non-ASCII character (index "
                + i
                + "): "
                + printable(value));
      }
      if (forbidden.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            what + " must not contain '" + c + "': " + printable(value));
      }
    }
    return value;
  }

  /** Header field names are RFC 9110 tokens. */
  static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("header name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException("header name is not a token: " + printable(name));
      }
    }
    return name;
  }

  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > 200 ? "…\"" : "\"").toString();
  }
}
