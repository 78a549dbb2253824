package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2idHasherTest {
  /**
   * Made by the reference implementation (Debian's libargon2 20171227, argon2id_hash_encoded with
   * t=2, m=19456, p=1, salt "0123456789abcdef", 32-byte tag): our hashes and theirs interoperate.
   */
  static final String REFERENCE =
      "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
          + "ZFaVmlyuk34B4T3Ebl4VGSvT3+HFzyZGCxAAzQU71+k";

  final Argon2idHasher hasher = new Argon2idHasher();

  @Test
  void verify_referenceHash_acceptsItsPasswordOnly() {
    assertThat(hasher.verify(REFERENCE, "armet-demo-password".toCharArray())).isTrue();
    assertThat(hasher.verify(REFERENCE, "armet-demo-passwore".toCharArray())).isFalse();
    assertThat(hasher.verify(REFERENCE, new char[0])).isFalse();
  }

  @Test
  void hash_usesOwaspParameters_andAFreshSaltEachTime() {
    String first = hasher.hash("secret".toCharArray());
    String second = hasher.hash("secret".toCharArray());
    assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(second);
    assertThat(hasher.verify(first, "secret".toCharArray())).isTrue();
    assertThat(hasher.verify(second, "Secret".toCharArray())).isFalse();
  }

  @Test
  void verify_malformedOrAbusiveHash_isRefusedWithoutWork() {
    assertThatThrownBy(() -> hasher.verify("$2a$10$abcdefghijklmnopqrstuv", "x".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an Argon2id PHC hash");
    String huge = REFERENCE.replace("m=19456", "m=9999999");
    assertThatThrownBy(() -> hasher.verify(huge, "x".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=9999999");
  }
}
