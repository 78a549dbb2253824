package dev.armet.internal.tls;

import java.util.Map;

/** TLS alert descriptions (RFC 8446 6) by name, for messages. */
final class Alerts {
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0, "close_notify"),
          Map.entry(10, "unexpected_message"),
          Map.entry(40, "handshake_failure"),
          Map.entry(47, "illegal_parameter"),
          Map.entry(50, "decode_error"),
          Map.entry(70, "protocol_version"),
          Map.entry(71, "insufficient_security"),
          Map.entry(80, "internal_error"),
          Map.entry(109, "missing_extension"),
          Map.entry(110, "unsupported_extension"),
          Map.entry(112, "unrecognized_name"));

  private Alerts() {}

  /** {@code handshake_failure (40)}, or the number alone. */
  static String name(int description) {
    String name = NAMES.get(description);
    return name == null ? "(" + description + ")" : name + " (" + description + ")";
  }
}
