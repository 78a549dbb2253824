package dev.armet.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration values; every error names the key and the accepted form. */
final class SettingValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");

  private SettingValues() {}

  static int port(String key, String value) {
    long n = integer(key, value);
    if (n < 0 || n > 65535) {
      throw bad(key, value, "a port between 0 and 65535 (0: any free port)");
    }
    return (int) n;
  }

  static long integer(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw bad(key, value, "a whole number");
    }
  }

  static int count(String key, String value) {
    long n = integer(key, value);
    if (n > Integer.MAX_VALUE) {
      throw bad(key, value, "a whole number up to " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  /** {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 2GiB}. */
  static long size(String key, String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw bad(key, value, "a size in bytes, or with KiB, MiB or GiB (e.g. 1MiB)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "KiB" -> n * 1024;
      case "MiB" -> n * 1024 * 1024;
      case "GiB" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 14d}, or ISO-8601 {@code PT10S}. */
  static Duration duration(String key, String value) {
    String v = value.trim();
    Matcher m = DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw bad(key, value, "a duration such as 500ms, 10s, 5m, 2h, 14d or PT10S");
    }
  }

  static boolean bool(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, value, "true or false");
    };
  }

  static IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(key + " must be " + expected + ", was '" + value + "'");
  }
}
