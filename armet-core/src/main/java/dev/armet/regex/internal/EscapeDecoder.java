package dev.armet.regex.internal;

/** Decodes a literal escape ({@code \t}, {@code \x{1F600}}, {@code \u200c}, {@code \0101}...). */
final class EscapeDecoder {
  private EscapeDecoder() {}

  /** Decodes the escape at the parser's cursor (on the backslash) and moves the cursor past it. */
  static int decode(String text, RegexParser parser) {
    int i = parser.position() + 1;
    char c = text.charAt(i++);
    int value;
    switch (c) {
      case 't' -> value = '\t';
      case 'n' -> value = '\n';
      case 'r' -> value = '\r';
      case 'f' -> value = '\f';
      case 'a' -> value = '\u0007';
      case 'e' -> value = '\u001B';
      case 'c' -> value = text.charAt(i++) ^ 64;
      case '0' -> {
        int start = i;
        int max = i < text.length() && text.charAt(i) <= '3' ? 3 : 2;
        while (i < text.length()
            && i - start < max
            && text.charAt(i) >= '0'
            && text.charAt(i) <= '7') {
          i++;
        }
        value = Integer.parseInt(text.substring(start, i), 8);
      }
      case 'x' -> {
        if (text.charAt(i) == '{') {
          int end = text.indexOf('}', i);
          value = Integer.parseInt(text.substring(i + 1, end), 16);
          i = end + 1;
        } else {
          value = Integer.parseInt(text.substring(i, i + 2), 16);
          i += 2;
        }
      }
      case 'u' -> {
        value = Integer.parseInt(text.substring(i, i + 4), 16);
        i += 4;
        if (Character.isHighSurrogate((char) value)
            && text.startsWith("\\u", i)
            && i + 6 <= text.length()) {
          int low = Integer.parseInt(text.substring(i + 2, i + 6), 16);
          if (Character.isLowSurrogate((char) low)) {
            value = Character.toCodePoint((char) value, (char) low);
            i += 6;
          }
        }
      }
      case 'N' -> {
        int end = text.indexOf('}', i);
        value = Character.codePointOf(text.substring(i + 1, end));
        i = end + 1;
      }
      default -> {
        value = text.codePointAt(i - 1);
        i += Character.charCount(value) - 1;
      }
    }
    parser.position(i);
    return value;
  }
}
