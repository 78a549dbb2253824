package dev.armet.internal.tls;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * TLS key-exchange group code points (IANA "TLS Supported Groups"; RFC 8446 4.2.7, RFC 7919, and
 * draft-ietf-tls-ecdhe-mlkem for the post-quantum hybrids) and their names, spelt as JSSE spells
 * them.
 */
public final class NamedGroups {
  public static final int SECP256R1 = 0x0017;
  public static final int SECP384R1 = 0x0018;
  public static final int SECP521R1 = 0x0019;
  public static final int X25519 = 0x001D;
  public static final int X448 = 0x001E;
  public static final int FFDHE2048 = 0x0100;
  public static final int FFDHE3072 = 0x0101;
  public static final int FFDHE4096 = 0x0102;
  public static final int SECP256R1_MLKEM768 = 0x11EB;
  public static final int X25519_MLKEM768 = 0x11EC;
  public static final int SECP384R1_MLKEM1024 = 0x11ED;

  /** What Chrome and Firefox offer, most preferred first. */
  public static final List<Integer> BROWSER =
      List.of(X25519_MLKEM768, X25519, SECP256R1, SECP384R1);

  /** Every group this class names, hybrids first. */
  public static final List<Integer> KNOWN =
      List.of(
          X25519_MLKEM768,
          SECP256R1_MLKEM768,
          SECP384R1_MLKEM1024,
          X25519,
          X448,
          SECP256R1,
          SECP384R1,
          SECP521R1,
          FFDHE2048,
          FFDHE3072,
          FFDHE4096);

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(SECP256R1, "secp256r1"),
          Map.entry(SECP384R1, "secp384r1"),
          Map.entry(SECP521R1, "secp521r1"),
          Map.entry(X25519, "x25519"),
          Map.entry(X448, "x448"),
          Map.entry(FFDHE2048, "ffdhe2048"),
          Map.entry(FFDHE3072, "ffdhe3072"),
          Map.entry(FFDHE4096, "ffdhe4096"),
          Map.entry(SECP256R1_MLKEM768, "SecP256r1MLKEM768"),
          Map.entry(X25519_MLKEM768, "X25519MLKEM768"),
          Map.entry(SECP384R1_MLKEM1024, "SecP384r1MLKEM1024"));

  private NamedGroups() {}

  /** The group's name, or {@code 0x11ec}-style hex for a code point this class does not know. */
  public static String name(int code) {
    String name = NAMES.get(code);
    return name != null ? name : String.format(Locale.ROOT, "0x%04x", code);
  }

  /** The code point of a group name (case-insensitive); empty when unknown. */
  public static OptionalInt code(String name) {
    for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
      if (e.getValue().equalsIgnoreCase(name)) {
        return OptionalInt.of(e.getKey());
      }
    }
    return OptionalInt.empty();
  }

  /** Whether the group is a post-quantum hybrid (classical ECDH combined with ML-KEM). */
  public static boolean isPostQuantumHybrid(int code) {
    return code == X25519_MLKEM768 || code == SECP256R1_MLKEM768 || code == SECP384R1_MLKEM1024;
  }
}
