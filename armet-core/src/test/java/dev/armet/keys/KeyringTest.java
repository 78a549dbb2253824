package dev.armet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyringTest {
  static final String OLD = Secrets.generate();
  static final String NEW = Secrets.generate();
  private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);

  static Keyring ring(String... secrets) {
    return Keyring.create(
        k -> {
          k.environment(ArmetEnvironment.PRODUCTION);
          for (String s : secrets) {
            k.secret(s);
          }
        });
  }

  @Test
  void verify_signedToken_returnsPayloadFromPrimary() {
    TokenSigner signer = ring(NEW).signer("p");
    TokenContents c = signer.verify(signer.sign(PAYLOAD, "id"), "id").orElseThrow();
    assertThat(c.payload()).isEqualTo(PAYLOAD);
    assertThat(c.primaryKey()).isTrue();
  }

  @Test
  void verify_withRotatedKey_acceptsAndSaysNotPrimary() {
    String token = ring(OLD).signer("p").sign(PAYLOAD, "id");
    TokenContents c = ring(NEW, OLD).signer("p").verify(token, "id").orElseThrow();
    assertThat(c.payload()).isEqualTo(PAYLOAD);
    assertThat(c.primaryKey()).isFalse();
  }

  @Test
  void verify_withWrongKey_rejects() {
    String token = ring(OLD).signer("p").sign(PAYLOAD, "id");
    assertThat(ring(NEW).signer("p").verify(token, "id")).isEmpty();
  }

  @Test
  void verify_otherPurposeOrContext_rejects() {
    Keyring ring = ring(NEW);
    String token = ring.signer("p").sign(PAYLOAD, "id");
    assertThat(ring.signer("q").verify(token, "id")).isEmpty();
    assertThat(ring.signer("p").verify(token, "other")).isEmpty();
  }

  @Test
  void verify_everySingleCharacterChangeOrTruncation_rejects() {
    TokenSigner signer = ring(NEW).signer("p");
    String token = signer.sign(PAYLOAD, "id");
    for (int i = 0; i < token.length(); i++) {
      for (char c : new char[] {'A', 'B', '-', '_', '.', '0', '='}) {
        if (token.charAt(i) != c) {
          String tampered = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(signer.verify(tampered, "id")).as(tampered).isEmpty();
        }
      }
      assertThat(signer.verify(token.substring(0, i), "id")).isEmpty();
    }
    assertThat(signer.verify(token + "A", "id")).isEmpty();
    assertThat(signer.verify(null, "id")).isEmpty();
    assertThat(signer.verify("x".repeat(10_000), "id")).isEmpty();
  }

  @Test
  void open_sealedToken_roundTripsAndHidesPayload() {
    TokenSealer sealer = ring(NEW).sealer("p");
    String token = sealer.seal(PAYLOAD, "session");
    assertThat(token).doesNotContain("aGVsbG8");
    assertThat(sealer.seal(PAYLOAD, "session")).isNotEqualTo(token); // fresh nonce
    assertThat(sealer.open(token, "session").orElseThrow().payload()).isEqualTo(PAYLOAD);
  }

  @Test
  void open_tamperedTruncatedMovedOrWrongKey_rejects() {
    TokenSealer sealer = ring(NEW).sealer("p");
    String token = sealer.seal(PAYLOAD, "session");
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i) == 'A' ? 'B' : 'A';
      assertThat(sealer.open(token.substring(0, i) + c + token.substring(i + 1), "session"))
          .isEmpty();
      assertThat(sealer.open(token.substring(0, i), "session")).isEmpty();
    }
    assertThat(sealer.open(token, "other")).isEmpty();
    assertThat(ring(OLD).sealer("p").open(token, "session")).isEmpty();
    assertThat(ring(NEW).signer("p").verify(token, "session")).isEmpty();
  }

  @Test
  void open_withRotatedKey_accepts() {
    String token = ring(OLD).sealer("p").seal(PAYLOAD, "s");
    TokenContents c = ring(NEW, OLD).sealer("p").open(token, "s").orElseThrow();
    assertThat(c.payload()).isEqualTo(PAYLOAD);
    assertThat(c.primaryKey()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "secret",
        "s3Cur3",
        "keyboard cat",
        "changeme",
        "Keyboard Cat ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void build_wellKnownSecretInProduction_refused(String secret) {
    assertThatThrownBy(() -> ring(secret))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret #1 from configuration is a well-known example secret")
        .hasMessageContaining("armet keys generate");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "short-but-random-9f8a7",
        "0123456789abcdef0123456789abcdef",
        "correct horse battery staple",
        "abababababababababababababababababababababababab"
      })
  void build_lowEntropySecretInProduction_refused(String secret) {
    assertThatThrownBy(() -> ring(Secrets.generate(), secret))
        .hasMessageContaining("secret #2 from configuration has about")
        .hasMessageContaining("below the 256 required")
        .hasMessageNotContaining(secret);
  }

  @Test
  void build_noSecretInProduction_refused() {
    assertThatThrownBy(() -> Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION)))
        .hasMessageStartingWith("no secret configured: set ARMET_SECRETS");
  }

  @Test
  void build_noSecretInDevelopment_generatesOne() {
    Keyring ring = Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT));
    assertThat(ring.size()).isEqualTo(1);
    assertThat(ring.isProductionReady()).isFalse();
    TokenSigner s = ring.signer("p");
    assertThat(s.verify(s.sign(PAYLOAD, "c"), "c")).isPresent();
  }

  @Test
  void build_weakSecretInDevelopment_warnsAndWorks() {
    Keyring ring =
        Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT).secret("secret"));
    assertThat(ring.isProductionReady()).isFalse();
  }

  @Test
  void generate_alwaysPassesTheProductionPolicy() {
    for (int i = 0; i < 2000; i++) {
      Secret s = Secret.of(Secrets.generate());
      assertThat(s.estimatedEntropyBits()).isGreaterThanOrEqualTo(256);
      assertThat(s.isWellKnown()).isFalse();
    }
    assertThat(Secrets.generate()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Secret.of("ab".repeat(32)).estimatedEntropyBits()).isLessThan(256);
    assertThat(Secret.of(java.util.HexFormat.of().formatHex(new byte[32])).isWellKnown()).isTrue();
  }

  @Test
  void fromEnvironment_commaSeparated_firstSigns() {
    Keyring both =
        Keyring.create(
            k ->
                k.environment(ArmetEnvironment.PRODUCTION)
                    .fromEnvironment(Map.of(Secrets.VARIABLE, NEW + " , " + OLD)));
    String token = ring(NEW).signer("p").sign(PAYLOAD, "c");
    assertThat(both.signer("p").verify(token, "c").orElseThrow().primaryKey()).isTrue();
    assertThat(both.size()).isEqualTo(2);
  }

  @Test
  void fromEnvironment_file_skipsCommentsAndBlankLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secrets");
    Files.writeString(file, "# rotated 2026-01\n" + NEW + "\n\n" + OLD + "\n");
    List<Secret> secrets = Secrets.fromEnvironment(Map.of(Secrets.FILE_VARIABLE, file.toString()));
    assertThat(secrets).hasSize(2);
    assertThatThrownBy(() -> Secrets.fromFile(dir.resolve("missing")))
        .hasMessageContaining("ARMET_SECRETS_FILE: cannot read");
  }

  @Test
  void build_sameSecretTwice_refused() {
    assertThatThrownBy(() -> ring(NEW, NEW)).hasMessageContaining("secrets #1 and #2 are the same");
  }

  @Test
  void secret_neverShowsItsValue() {
    Secret s = Secret.of(NEW);
    assertThat(s.toString()).isEqualTo("Secret[redacted]").doesNotContain(NEW);
    assertThat(s).isNotEqualTo(Secret.of(NEW));
    assertThat(ring(NEW).toString()).doesNotContain(NEW);
  }

  @Test
  void keyIds_primaryFirst_areTheTokensLabels_andRevealNoSecret() {
    Keyring ring = ring(NEW, OLD);
    List<String> ids = ring.keyIds();
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo(ring(NEW).keyIds().get(0));
    assertThat(ids.get(1)).isEqualTo(ring(OLD).keyIds().get(0));
    // The label a token carries in front of its payload is the primary's id.
    assertThat(ring.signer("p").sign(PAYLOAD, "id")).startsWith(ids.get(0) + ".");
    assertThat(ring(OLD).signer("p").sign(PAYLOAD, "id")).startsWith(ids.get(1) + ".");
    for (String id : ids) {
      assertThat(id).matches("[A-Za-z0-9_-]{4}");
      assertThat(NEW).doesNotContain(id);
      assertThat(OLD).doesNotContain(id);
    }
    assertThatThrownBy(() -> ids.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
