package dev.armet.internal.json;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes values already checked by {@link JsonValues}. */
final class JsonWriter {
  private static final HexFormat HEX = HexFormat.of();

  private JsonWriter() {}

  static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Double) {
      double d = (Double) value;
      // Integral doubles are written as 1.0 so they read back as Double, not Integer.
      // -0.0 is Double.toString's own "-0.0": (long) -0.0 would lose the sign.
      boolean negativeZero = Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
      out.append(
          d == Math.rint(d) && Math.abs(d) < 1e15 && !negativeZero
              ? Long.toString((long) d) + ".0"
              : Double.toString(d));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List) {
      out.append('[');
      Iterator<?> it = ((List<?>) value).iterator();
      while (it.hasNext()) {
        write(it.next(), out);
        if (it.hasNext()) {
          out.append(',');
        }
      }
      out.append(']');
    } else {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(HEX.toHexDigits(c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
