package dev.armet.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
