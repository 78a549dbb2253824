package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenMaskingTest {
  static final byte[] SECRET = TokenMasking.newSecret();

  @Test
  void mask_differsEveryTime_andEveryMaskVerifies() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = TokenMasking.mask(SECRET);
      assertThat(token).hasSize(TokenMasking.TOKEN_CHARS).matches("[A-Za-z0-9_-]+");
      assertThat(TokenMasking.matches(token, SECRET)).isTrue();
      seen.add(token);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void matches_otherSecret_refused() {
    assertThat(TokenMasking.matches(TokenMasking.mask(SECRET), TokenMasking.newSecret())).isFalse();
  }

  @Test
  void matches_anySingleBitFlipped_refused() {
    String token = TokenMasking.mask(SECRET);
    byte[] raw = TokenMasking.decode(token, 64);
    for (int bit = 0; bit < raw.length * 8; bit++) {
      byte[] copy = raw.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(TokenMasking.matches(TokenMasking.encode(copy), SECRET))
          .as("bit %d", bit)
          .isFalse();
    }
  }

  @Test
  void matches_unmaskedSecretItself_refused() {
    // The raw secret is 43 characters, never a valid masked token.
    assertThat(TokenMasking.matches(TokenMasking.encode(SECRET), SECRET)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"x", "null", "undefined", "%00", "<script>"})
  void matches_junk_refusedWithoutThrowing(String token) {
    assertThat(TokenMasking.matches(token, SECRET)).isFalse();
  }

  @Test
  void matches_wrongLengthPaddingOrAlphabet_refused() {
    String token = TokenMasking.mask(SECRET);
    assertThat(TokenMasking.matches(token.substring(1), SECRET)).isFalse();
    assertThat(TokenMasking.matches(token + "A", SECRET)).isFalse();
    assertThat(TokenMasking.matches(token.substring(0, 84) + "==", SECRET)).isFalse();
    assertThat(
            TokenMasking.matches(
                token.replace('-', '+').replace('_', '/').replaceFirst(".$", "+"), SECRET))
        .isFalse();
    assertThat(TokenMasking.matches(" " + token.substring(1), SECRET)).isFalse();
    assertThat(TokenMasking.matches("A".repeat(100_000), SECRET)).isFalse();
  }

  @Test
  void matches_noSecret_refused() {
    assertThat(TokenMasking.matches(TokenMasking.mask(SECRET), null)).isFalse();
  }
}
