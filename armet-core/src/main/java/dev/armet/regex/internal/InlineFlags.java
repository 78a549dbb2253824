package dev.armet.regex.internal;

import java.util.regex.Pattern;

/** The flag letters of {@code (?idmsuxU-idmsuxU)} and {@code (?flags:X)}. */
final class InlineFlags {
  private InlineFlags() {}

  static int apply(int flags, String letters) {
    boolean on = true;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      if (c == '-') {
        on = false;
        continue;
      }
      int bit = bit(c);
      flags = on ? flags | bit : flags & ~bit;
    }
    return flags;
  }

  private static int bit(char letter) {
    return switch (letter) {
      case 'i' -> Pattern.CASE_INSENSITIVE;
      case 'd' -> Pattern.UNIX_LINES;
      case 'm' -> Pattern.MULTILINE;
      case 's' -> Pattern.DOTALL;
      case 'u' -> Pattern.UNICODE_CASE;
      case 'x' -> Pattern.COMMENTS;
      case 'U' -> Pattern.UNICODE_CHARACTER_CLASS;
      case 'c' -> Pattern.CANON_EQ;
      default -> throw new RegexParser.Unsupported("unknown inline flag " + letter);
    };
  }
}
