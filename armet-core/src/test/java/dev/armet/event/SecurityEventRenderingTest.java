package dev.armet.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.event.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One event is one log line, whatever its fields hold: a sweep of every UTF-16 code unit
 * (0..0xFFFF) against every line-break rule common log readers apply.
 */
class SecurityEventRenderingTest {
  /** Java's {@code \R}, and what it leaves out that others split on. */
  private static final Pattern JAVA_LINEBREAK = Pattern.compile("\\R");

  /**
   * Breaks a line for some common reader: Java's {@code \R} (LF, VT, FF, CR, NEL, LS, PS), Python's
   * {@code str.splitlines} (adds FS, GS, RS), ECMAScript line terminators (LF, CR, LS, PS), and the
   * Unicode Zl/Zp categories.
   */
  static boolean breaksALine(char c) {
    int type = Character.getType(c);
    return JAVA_LINEBREAK.matcher(String.valueOf(c)).matches()
        || c == 0x1c
        || c == 0x1d
        || c == 0x1e
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  @Test
  void toString_everyCharacterThatBreaksALine_isEscaped() {
    List<String> leaked = new ArrayList<>();
    for (int c = 0; c <= 0xFFFF; c++) {
      String line = SecurityEvent.of("test").with("path", "/a" + (char) c + "b").toString();
      for (int i = 0; i < line.length(); i++) {
        if (breaksALine(line.charAt(i))) {
          leaked.add(String.format("U+%04X", c));
          break;
        }
      }
    }
    assertThat(leaked).as("characters rendered raw that a log reader splits on").isEmpty();
  }

  @Test
  void toString_nelLineAndParagraphSeparators_areWrittenAsEscapes() {
    String line =
        SecurityEvent.of("malicious_csrf").with("origin", "x\u0085y\u2028z\u2029").toString();
    assertThat(line).isEqualTo("malicious_csrf origin=\"x\\u0085y\\u2028z\\u2029\"");
  }

  @Test
  void toString_everyEscape_decodesBackToTheOriginal() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String value = "a" + (char) c + "b";
      String line = SecurityEvent.of("t").with("v", value).toString();
      assertThat(unquote(line.substring("t v=".length()))).as("U+%04X", c).isEqualTo(value);
    }
  }

  @Test
  void toString_printableText_isKeptAsSent() {
    String value = "/caf\u00e9/\u4e2d\u6587/\ud83d\ude00 ok";
    assertThat(SecurityEvent.of("t").with("v", value).toString())
        .isEqualTo("t v=\"" + value + "\"");
  }

  @Test
  void toString_bidiOverrideAndUnpairedSurrogate_areEscaped() {
    assertThat(SecurityEvent.of("t").with("v", "\u202egnp.exe\ud800").toString())
        .isEqualTo("t v=\"\\u202egnp.exe\\ud800\"");
  }

  @Test
  void toString_longValue_isCutWithAnEllipsis() {
    String line = SecurityEvent.of("t").with("v", "x".repeat(5000)).toString();
    assertThat(line).hasSize("t v=\"".length() + LogText.MAX_CHARS + 2).endsWith("x…\"");
  }

  private static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        out.append(c);
      } else if (quoted.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(quoted.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(quoted.charAt(++i));
      }
    }
    return out.toString();
  }
}
