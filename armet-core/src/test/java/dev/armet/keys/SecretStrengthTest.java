package dev.armet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10 item 9: the production check scored {@code "password"} × 10 at 420 bits. Patterned
 * secrets are refused naming the structure (never the secret); random ones of every usual form
 * still pass.
 */
class SecretStrengthTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  static Stream<Arguments> patterned() {
    return Stream.of(
        Arguments.of("password".repeat(10), "a common word"),
        Arguments.of("ab".repeat(37), "repetition"),
        Arguments.of("0123456789".repeat(6) + "0123", "a character sequence"),
        Arguments.of("abcdefghijklmnopqrstuvwxyz".repeat(3), "a character sequence"),
        Arguments.of(
            "zyxwvutsrqponmlkjihgfedcba9876543210ZYXWVUTSRQPONMLKJIHGFEDCBA",
            "a character sequence"),
        Arguments.of("Password1!".repeat(8), "repetition"),
        Arguments.of("qwertyuiop".repeat(8), "a common word"),
        Arguments.of("correct-horse-secret-" + "k9X2".repeat(16), "repetition"),
        Arguments.of(Secrets.generate().substring(0, 11).repeat(6), "repetition"));
  }

  @ParameterizedTest
  @MethodSource("patterned")
  void build_patternedSecretInProduction_refusedWithTheReason(String secret, String reason) {
    assertThatThrownBy(() -> production(secret))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret #1 from configuration has about")
        .hasMessageContaining(reason)
        .hasMessageContaining("below the 256 required")
        .hasMessageNotContaining(secret);
  }

  static Stream<Arguments> random() {
    return Stream.of(
        Arguments.of("armet keys generate", (Supplier<String>) Secrets::generate),
        Arguments.of(
            "openssl rand -hex 32", (Supplier<String>) () -> HexFormat.of().formatHex(bytes(32))),
        Arguments.of(
            "openssl rand -base64 32",
            (Supplier<String>) () -> Base64.getEncoder().encodeToString(bytes(32))),
        Arguments.of(
            "openssl rand -base64 48",
            (Supplier<String>) () -> Base64.getEncoder().encodeToString(bytes(48))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("random")
  void build_randomSecretInProduction_accepted(String source, Supplier<String> secrets) {
    for (int i = 0; i < 1000; i++) {
      String s = secrets.get();
      assertThat(Secret.of(s).estimatedEntropyBits())
          .as("%s: %s", source, s)
          .isGreaterThanOrEqualTo(256);
    }
    assertThat(production(secrets.get()).isProductionReady()).isTrue();
  }

  private static Keyring production(String secret) {
    return Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(secret));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
