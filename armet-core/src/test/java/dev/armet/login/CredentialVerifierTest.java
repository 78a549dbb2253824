package dev.armet.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialVerifierTest {
  /** A stand-in hasher that records which hashes it was asked to verify. */
  static final class CountingHasher implements PasswordHasher {
    final List<String> verified = new ArrayList<>();

    @Override
    public String hash(char[] password) {
      return "h:" + new String(password);
    }

    @Override
    public boolean verify(String encodedHash, char[] password) {
      verified.add(encodedHash);
      return MessageDigest.isEqual(encodedHash.getBytes(), hash(password).getBytes());
    }
  }

  @Test
  void unknownUserAndWrongPassword_doTheSameHashWork() {
    CountingHasher hasher = new CountingHasher();
    CredentialVerifier verifier = CredentialVerifier.of(hasher);
    assertThat(verifier.verify(null, "guess".toCharArray())).isFalse();
    assertThat(verifier.verify("h:right", "guess".toCharArray())).isFalse();
    assertThat(verifier.verify("h:right", "right".toCharArray())).isTrue();
    assertThat(hasher.verified).hasSize(3);
    assertThat(hasher.verified.get(0)).startsWith("h:").hasSize(2 + 24);
  }

  @Test
  void unknownUser_neverMatchesEvenTheDummyPassword() {
    CountingHasher hasher = new CountingHasher();
    CredentialVerifier verifier = CredentialVerifier.of(hasher);
    verifier.verify(null, "x".toCharArray());
    String dummy = hasher.verified.get(0).substring(2);
    assertThat(verifier.verify(null, dummy.toCharArray())).isFalse();
  }
}
