package dev.armet.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The keyed hash reuses one Mac per thread (issue 18): results must not depend on the thread. */
class KeyedHashTest {
  final Keyring ring =
      Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));

  @Test
  void sameValue_sameHash_onEveryThreadAndCall() throws Exception {
    KeyedHash names = ring.keyedHash("test");
    String expected = names.hash("198.51.100.7");
    assertThat(expected).hasSize(22);
    assertThat(names.hash("198.51.100.7")).isEqualTo(expected);
    assertThat(names.hash("198.51.100.8")).isNotEqualTo(expected);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    names.hash("other-" + i); // interleave other inputs on the same thread's Mac
                    if (!names.hash("198.51.100.7").equals(expected)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void purposesAndKeys_separate() {
    KeyedHash a = ring.keyedHash("a");
    KeyedHash b = ring.keyedHash("b");
    Keyring other =
        Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));
    assertThat(a.hash("x")).isNotEqualTo(b.hash("x"));
    assertThat(a.hash("x")).isNotEqualTo(other.keyedHash("a").hash("x"));
    assertThat(a.hash("x")).isEqualTo(ring.keyedHash("a").hash("x"));
  }

  /**
   * The buffered encoding (issue 18) names every subject exactly as before: base64url of the first
   * 16 bytes of HMAC-SHA256 over its UTF-8, across the ASCII fast path and the UTF-8 path, at and
   * past the input buffer's 64 bytes.
   */
  @Test
  void hash_isTruncatedHmacSha256InBase64url_forAsciiAndUtf8() throws Exception {
    DerivedKey key = new DerivedKey(Secret.of(Secrets.generate()));
    KeyedHash names = KeyedHash.of(key, "p");
    Mac reference = Mac.getInstance("HmacSHA256");
    reference.init(new SecretKeySpec(key.expand("hmac-sha256", "p"), "HmacSHA256"));
    List<String> values =
        List.of(
            "",
            "198.51.100.7",
            "2001:db8:1:2::/64",
            "a".repeat(63),
            "b".repeat(64),
            "c".repeat(65),
            "é",
            "user@exämple.com",
            "x".repeat(63) + "é",
            "日本".repeat(40),
            "\u007f\u0080");
    for (String v : values) {
      byte[] mac = reference.doFinal(v.getBytes(StandardCharsets.UTF_8));
      String expected =
          Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));
      assertThat(names.hash(v)).as(v).isEqualTo(expected);
    }
    for (int b = 0; b < 256; b++) { // every byte value through the encoder, first and last places
      String v = "sweep-" + b;
      byte[] mac = reference.doFinal(v.getBytes(StandardCharsets.UTF_8));
      assertThat(names.hash(v))
          .isEqualTo(
              Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16)));
    }
  }
}
