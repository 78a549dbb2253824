package dev.armet.cli.regex;

import java.util.List;

/**
 * Finds regex string literals in Java source text: the literal argument of {@code
 * Pattern.compile(}, {@code Pattern.matches(}, {@code .matches(}, {@code .split(}, {@code
 * .replaceAll(}, {@code .replaceFirst(}, and {@code regexp = "..."} in annotations. Comments are
 * skipped; adjacent literals joined by {@code +} are concatenated; the flags of {@code
 * Pattern.compile("...", Pattern.X | Pattern.Y)} are read when they are constants.
 */
final class SourceScanner {
  private static final String[] CALLS = {
    "Pattern.compile(", "Pattern.matches(", ".matches(", ".split(", ".replaceAll(", ".replaceFirst("
  };

  private final String text;
  private final String file;
  private final List<FoundRegex> out;

  private SourceScanner(String text, String file, List<FoundRegex> out) {
    this.text = text;
    this.file = file;
    this.out = out;
  }

  static void scan(String text, String file, List<FoundRegex> out) {
    new SourceScanner(text, file, out).run();
  }

  private void run() {
    int i = 0;
    int line = 1;
    StringBuilder code =
        new StringBuilder(); // the text outside comments and literals seen so far (tail only)
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        int stop = end < 0 ? text.length() : end + 2;
        line += count(text, i, stop);
        i = stop;
      } else if (c == '\'') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '\'') {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        i = end + 1;
        code.append("'x'");
      } else if (c == '"' && !text.startsWith("\"\"\"", i)) {
        int startLine = line;
        StringBuilder literal = new StringBuilder();
        i = literal(i, literal);
        // concatenation: "a" + "b"
        int j = skipSpace(i);
        while (at(j) == '+' && at(skipSpace(j + 1)) == '"') {
          line += count(text, i, skipSpace(j + 1));
          i = literal(skipSpace(j + 1), literal);
          j = skipSpace(i);
        }
        String via = context(code);
        if (via != null) {
          out.add(
              new FoundRegex(
                  literal.toString(),
                  via.equals("Pattern.compile") ? flagsAfter(i) : 0,
                  file,
                  null,
                  null,
                  startLine,
                  via));
        }
        code.append("\"\"");
      } else {
        code.append(c);
        i++;
      }
      if (code.length() > 512) {
        code.delete(0, code.length() - 256);
      }
    }
  }

  /** What the literal is passed to, judged from the code just before it, or null. */
  private static String context(StringBuilder code) {
    String before = code.toString().replaceAll("\\s+", "");
    for (String call : CALLS) {
      if (before.endsWith(call)) {
        return call.startsWith(".")
            ? "String" + call.substring(0, call.length() - 1)
            : call.substring(0, call.length() - 1);
      }
    }
    return before.endsWith("regexp=") || before.endsWith("regex=") ? "@annotation(regexp)" : null;
  }

  private int flagsAfter(int i) {
    int j = skipSpace(i);
    if (at(j) != ',') {
      return 0;
    }
    int end = text.indexOf(')', j);
    if (end < 0) {
      return 0;
    }
    int flags = 0;
    for (String part : text.substring(j + 1, end).split("\\|")) {
      String name = part.trim();
      name = name.startsWith("Pattern.") ? name.substring("Pattern.".length()) : name;
      try {
        flags |= RegexFlags.parse(name);
      } catch (IllegalArgumentException e) {
        return 0; // not a constant we know: analyse without flags
      }
    }
    return flags;
  }

  /** Reads the literal opening at {@code i} into {@code out}; returns the index after it. */
  private int literal(int i, StringBuilder out) {
    int j = i + 1;
    while (j < text.length() && text.charAt(j) != '"') {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < text.length()) {
        char e = text.charAt(j + 1);
        j += 2;
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'f' -> out.append('\f');
          case 'b' -> out.append('\b');
          case 's' -> out.append(' ');
          case 'u' -> {
            while (j < text.length() && text.charAt(j) == 'u') {
              j++;
            }
            out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
            j += 4;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int start = j - 1;
              while (j < text.length()
                  && j - start < 3
                  && text.charAt(j) >= '0'
                  && text.charAt(j) <= '7') {
                j++;
              }
              out.append((char) Integer.parseInt(text.substring(start, j), 8));
            } else {
              out.append(e);
            }
          }
        }
      } else if (c == '\n') {
        break; // unterminated: stop at the line end
      } else {
        out.append(c);
        j++;
      }
    }
    return j + 1;
  }

  private int skipSpace(int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private char at(int i) {
    return i < text.length() ? text.charAt(i) : 0;
  }

  private static int count(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
