package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bookkeeping behind guessed decisions: when a key guesses, and how big the map may grow. */
class KnownLimitRowsTest {
  private static final byte[] STATE = {1, 2, 3};

  @Test
  void guess_unknownKey_readsFirst() {
    KnownLimitRows known = new KnownLimitRows(100);
    assertThat(known.guess("k")).isNull();
    known.saw("k", false, null);
    assertThat(known.guess("k"))
        .isNotNull()
        .extracting(KnownLimitRows.Row::present)
        .isEqualTo(false);
  }

  @Test
  void lostGuess_readsFirstForADoublingNumberOfDecisions() {
    // The decision that lost reads (the read path follows at once); then `penalty` more do.
    KnownLimitRows known = new KnownLimitRows(100);
    known.won("k", STATE);
    assertThat(readsBeforeNextGuess(known)).isZero();
    int[] expected = {1, 2, 4, 8, 16, 32, 64, 64};
    for (int penalty : expected) {
      known.lost("k");
      assertThat(known.guess("k")).isNull(); // the row is unknown until the read path sees it
      known.saw("k", true, STATE);
      assertThat(readsBeforeNextGuess(known)).isEqualTo(penalty);
    }
  }

  @Test
  void wonGuess_halvesThePenalty() {
    KnownLimitRows known = new KnownLimitRows(100);
    known.won("k", STATE);
    for (int i = 0; i < 4; i++) {
      known.lost("k"); // penalty 8
      known.saw("k", true, STATE);
      readsBeforeNextGuess(known);
    }
    known.won("k", STATE); // 4
    known.lost("k"); // 8 again, not 16
    known.saw("k", true, STATE);
    assertThat(readsBeforeNextGuess(known)).isEqualTo(8);
  }

  @Test
  void lostWriteOnTheReadPath_forgetsTheRowButNotThePenalty() {
    KnownLimitRows known = new KnownLimitRows(100);
    known.won("k", STATE);
    known.lost("k"); // penalty 1
    known.unsure("k");
    assertThat(known.guess("k")).isNull();
    known.saw("k", true, STATE);
    assertThat(readsBeforeNextGuess(known)).isEqualTo(1); // the penalty survives the unsure write
  }

  @Test
  void keyFlood_fromSeveralThreads_staysWithinTheBound() throws Exception {
    KnownLimitRows known = new KnownLimitRows(1_000);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger largest = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < 25_000; i++) {
                  known.saw(thread + ":" + i, true, STATE);
                  largest.accumulateAndGet(known.size(), Math::max);
                }
              });
      worker.start();
      threads.add(worker);
    }
    start.countDown();
    for (Thread worker : threads) {
      worker.join();
    }
    assertThat(largest.get()).isLessThanOrEqualTo(1_000 + 4); // one entry per thread adding
    assertThat(known.size()).isBetween(1_000 - 1_000 / 8, 1_000);
  }

  /** How many decisions take the read path before the key guesses again (it then does). */
  private static int readsBeforeNextGuess(KnownLimitRows known) {
    int reads = 0;
    while (known.guess("k") == null) {
      reads++;
      assertThat(reads).isLessThanOrEqualTo(KnownLimitRows.MAX_PENALTY);
    }
    return reads;
  }
}
