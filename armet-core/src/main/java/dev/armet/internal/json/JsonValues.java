package dev.armet.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates and normalizes JSON-shaped Java values (deep, unmodifiable copies). */
final class JsonValues {
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonValues() {}

  static Object copyOf(Object value, String path) {
    return copy(value, path, 0);
  }

  private static Object copy(Object value, String path, int depth) {
    // The depth bound also turns a self-containing list or map into a clear error, not a hang.
    if (depth > JsonLimits.DEFAULT.maxDepth()) {
      throw new IllegalArgumentException(
          path + ": nested deeper than " + JsonLimits.DEFAULT.maxDepth() + " levels");
    }
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof String) {
      return checkString((String) value, path);
    }
    if (value instanceof Number) {
      return number((Number) value, path);
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>(((List<?>) value).size());
      int i = 0;
      for (Object item : (List<?>) value) {
        out.add(copy(item, path + "[" + i++ + "]", depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              path
                  + ": map keys must be String, was "
                  + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
        }
        String key = checkString((String) e.getKey(), path);
        out.put(key, copy(e.getValue(), path + "." + key, depth + 1));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException(
        path
            + ": "
            + value.getClass().getName()
            + " is not JSON-shaped; use String, Number, Boolean, List, Map or null"
            + " (Armet never uses Java serialization)");
  }

  private static String checkString(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(path + ": string has an unpaired surrogate at " + i);
      }
    }
    return s;
  }

  static Number number(Number n, String path) {
    if (n instanceof Integer) {
      return n;
    }
    if (n instanceof Long || n instanceof Short || n instanceof Byte) {
      return integral(BigInteger.valueOf(n.longValue()));
    }
    if (n instanceof BigInteger) {
      return integral((BigInteger) n);
    }
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + ": " + n + " is not a finite number");
      }
      return d;
    }
    throw new IllegalArgumentException(
        path
            + ": "
            + n.getClass().getName()
            + " is not a supported number type; use Integer, Long, BigInteger or Double");
  }

  static Number integral(BigInteger v) {
    if (v.compareTo(INT_MIN) >= 0 && v.compareTo(INT_MAX) <= 0) {
      return v.intValue();
    }
    if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
      return v.longValue();
    }
    return v;
  }
}
