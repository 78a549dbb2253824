package dev.armet.cli.regex;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code --flags}: a comma-separated list of {@link Pattern} constant names ({@code
 * CASE_INSENSITIVE}, {@code DOTALL}...) or inline-flag letters ({@code i}, {@code s}, {@code m},
 * {@code x}, {@code u}, {@code d}, {@code U}, {@code c}), or a number.
 */
public final class RegexFlags {
  private static final String[] NAMES = {
    "UNIX_LINES",
    "CASE_INSENSITIVE",
    "COMMENTS",
    "MULTILINE",
    "LITERAL",
    "DOTALL",
    "UNICODE_CASE",
    "CANON_EQ",
    "UNICODE_CHARACTER_CLASS"
  };
  private static final int[] BITS = {
    Pattern.UNIX_LINES,
    Pattern.CASE_INSENSITIVE,
    Pattern.COMMENTS,
    Pattern.MULTILINE,
    Pattern.LITERAL,
    Pattern.DOTALL,
    Pattern.UNICODE_CASE,
    Pattern.CANON_EQ,
    Pattern.UNICODE_CHARACTER_CLASS
  };
  private static final String LETTERS = "dixm.suc";

  private RegexFlags() {}

  /**
   * @throws IllegalArgumentException naming the unknown flag and the accepted ones
   */
  public static int parse(String text) {
    int flags = 0;
    if (text == null || text.isBlank()) {
      return 0;
    }
    for (String item : text.split(",")) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (name.chars().allMatch(Character::isDigit)) {
        flags |= Integer.parseInt(name);
        continue;
      }
      int bit = byName(name.toUpperCase(Locale.ROOT));
      if (bit == 0) {
        for (char c : name.toCharArray()) {
          int b = byLetter(c);
          if (b == 0) {
            throw new IllegalArgumentException(
                "--flags: unknown flag '"
                    + name
                    + "'; use Pattern names ("
                    + String.join(", ", NAMES)
                    + ") or letters imsxudUc, comma-separated");
          }
          bit |= b;
        }
      }
      flags |= bit;
    }
    return flags;
  }

  /** The names of the flags set, comma-separated (empty for none). */
  public static String names(int flags) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < NAMES.length; i++) {
      if ((flags & BITS[i]) != 0) {
        out.append(out.length() > 0 ? "," : "").append(NAMES[i]);
      }
    }
    return out.toString();
  }

  private static int byName(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return BITS[i];
      }
    }
    return 0;
  }

  private static int byLetter(char c) {
    if (c == 'U') {
      return Pattern.UNICODE_CHARACTER_CLASS;
    }
    int index = LETTERS.indexOf(c);
    return index < 0 || c == '.'
        ? 0
        : new int[] {
              Pattern.UNIX_LINES,
              Pattern.CASE_INSENSITIVE,
              Pattern.COMMENTS,
              Pattern.MULTILINE,
              0,
              Pattern.DOTALL,
              Pattern.UNICODE_CASE,
              Pattern.CANON_EQ
            }
            [index];
  }
}
