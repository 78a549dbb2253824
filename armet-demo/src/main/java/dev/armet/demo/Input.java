package dev.armet.demo;

import jakarta.servlet.http.HttpServletRequest;

/** Small checks on form input, shared by the forms. */
final class Input {
  private Input() {}

  /** The parameter, or "" when absent. */
  static String parameter(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value;
  }

  /**
   * Whether {@code text} has a C0/C1 control character (NUL included, which PostgreSQL refuses in
   * text), a lone surrogate, or, unless {@code allowLineBreaks}, a tab or line break.
   */
  static boolean hasControlCharacters(String text, boolean allowLineBreaks) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (allowLineBreaks && (ch == '\n' || ch == '\r' || ch == '\t')) {
        continue;
      }
      if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
        return true;
      }
      if (Character.isSurrogate(ch)) {
        boolean paired =
            Character.isHighSurrogate(ch)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          return true;
        }
        i++;
      }
    }
    return false;
  }
}
