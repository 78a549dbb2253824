package dev.armet.internal.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A recursive-descent RFC 8259 parser; recursion is bounded by {@link JsonLimits#maxDepth()}. */
final class JsonParser {
  private final String in;
  private final JsonLimits limits;
  private int pos;

  JsonParser(String in, JsonLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  @Nullable Object parseDocument() {
    if (in == null) {
      throw new JsonException("no input", 0);
    }
    if (in.length() > limits.maxLength()) {
      throw new JsonException("input longer than " + limits.maxLength() + " characters", 0);
    }
    skipWhitespace();
    Object value = value(0);
    skipWhitespace();
    if (pos != in.length()) {
      throw fail("unexpected content after the value");
    }
    return value;
  }

  private @Nullable Object value(int depth) {
    if (pos >= in.length()) {
      throw fail("unexpected end of input");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true", true);
      case 'f':
        return literal("false", false);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw fail("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw fail("expected a string key");
      }
      int keyAt = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (map.containsKey(key)) {
        // Duplicate keys are how parser-differential attacks smuggle a second value past a check.
        throw new JsonException("duplicate object key", keyAt);
      }
      map.put(key, value(depth));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      } else {
        throw fail("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      } else {
        throw fail("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw fail("unterminated string");
      }
      if (out.length() > limits.maxStringLength()) {
        throw fail("string longer than " + limits.maxStringLength() + " characters");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        return out.toString();
      } else if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        pos--;
        throw fail("unescaped control character in string");
      } else if (Character.isHighSurrogate(c)
          && pos < in.length()
          && Character.isLowSurrogate(in.charAt(pos))) {
        out.append(c).append(in.charAt(pos++));
      } else if (Character.isSurrogate(c)) {
        pos--;
        throw fail("unpaired surrogate in string");
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out) {
    if (pos >= in.length()) {
      throw fail("unterminated escape");
    }
    char e = in.charAt(pos++);
    switch (e) {
      case '"':
        out.append('"');
        return;
      case '\\':
        out.append('\\');
        return;
      case '/':
        out.append('/');
        return;
      case 'b':
        out.append('\b');
        return;
      case 'f':
        out.append('\f');
        return;
      case 'n':
        out.append('\n');
        return;
      case 'r':
        out.append('\r');
        return;
      case 't':
        out.append('\t');
        return;
      case 'u':
        break;
      default:
        pos--;
        throw fail("invalid escape");
    }
    char c = hex4();
    if (Character.isHighSurrogate(c)) {
      if (in.startsWith("\\u", pos)) {
        pos += 2;
        char low = hex4();
        if (Character.isLowSurrogate(low)) {
          out.append(c).append(low);
          return;
        }
      }
      throw fail("unpaired surrogate escape");
    }
    if (Character.isLowSurrogate(c)) {
      throw fail("unpaired surrogate escape");
    }
    out.append(c);
  }

  private char hex4() {
    if (pos + 4 > in.length()) {
      throw fail("truncated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(in.charAt(pos), 16);
      if (d < 0 || in.charAt(pos) > 'f') {
        throw fail("invalid hex digit in \\u escape");
      }
      v = v * 16 + d;
      pos++;
    }
    return (char) v;
  }

  private Number number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw fail("invalid number");
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      integral = false;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits();
    }
    if (pos - start > limits.maxStringLength()) {
      throw new JsonException(
          "number longer than " + limits.maxStringLength() + " characters", start);
    }
    String text = in.substring(start, pos);
    if (integral) {
      return JsonValues.integral(new BigInteger(text));
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw new JsonException("number out of range", start);
    }
    return d;
  }

  private void requireDigits() {
    if (!isDigit(peek())) {
      throw fail("expected a digit");
    }
    digits();
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    if (!in.startsWith(word, pos)) {
      throw fail("invalid literal");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail("expected '" + c + "'");
    }
    pos++;
  }

  private int peek() {
    return pos < in.length() ? in.charAt(pos) : -1;
  }

  private void skipWhitespace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void checkDepth(int depth) {
    if (depth > limits.maxDepth()) {
      throw fail("nested deeper than " + limits.maxDepth() + " levels");
    }
  }

  private JsonException fail(String message) {
    return new JsonException(message, pos);
  }
}
