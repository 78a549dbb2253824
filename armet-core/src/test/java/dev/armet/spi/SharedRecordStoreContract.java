package dev.armet.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.SharedRecordStore.Lease;
import dev.armet.spi.SharedRecordStore.SharedRecord;
import dev.armet.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SharedRecordStore} must have, run by each store module against its
 * real server. Leases expire on the store's own clock, so expiry is waited for (bounded poll).
 */
public abstract class SharedRecordStoreContract {
  private static final Duration LONG = Duration.ofMinutes(5);

  protected SharedRecordStore store;

  /** Fresh per test, so runs on one server never meet. */
  protected String lock;

  /** An empty store on fresh keys or tables. */
  protected abstract SharedRecordStore newStore();

  @BeforeEach
  void setUpStore() {
    store = newStore();
    lock = "lock-" + UUID.randomUUID();
  }

  @Test
  void acquire_freeLease_isGranted_andRefusedToAnotherHolderWhileItRuns() {
    Lease a = store.acquire(lock, "a", LONG).orElseThrow();
    assertThat(a.token()).isPositive();
    assertThat(a.holder()).isEqualTo("a");
    assertThat(store.acquire(lock, "b", LONG)).isEmpty();
    assertThat(store.acquire(lock, "a", LONG)).as("a renewal keeps the token").contains(a);
  }

  @Test
  void release_letsTheNextHolderIn_withAGreaterToken() {
    Lease a = store.acquire(lock, "a", LONG).orElseThrow();
    store.release(a);
    Lease b = store.acquire(lock, "b", LONG).orElseThrow();
    assertThat(b.token()).isGreaterThan(a.token());
    store.release(a); // stale: must not end b's lease
    assertThat(store.acquire(lock, "c", LONG)).isEmpty();
  }

  @Test
  void expiredLease_ofAHolderThatNeverRenews_passesToTheNext() throws Exception {
    Lease crashed = store.acquire(lock, "crashed", Duration.ofMillis(300)).orElseThrow();
    Lease next =
        Poll.until(
                Duration.ofSeconds(20),
                "the crashed holder's lease expires",
                () -> store.acquire(lock, "next", LONG),
                Optional::isPresent)
            .orElseThrow();
    assertThat(next.token()).isGreaterThan(crashed.token());
    assertThat(store.acquire(lock, "crashed", LONG)).as("the old holder is out").isEmpty();
  }

  @Test
  void write_unfenced_roundTripsEveryByteValue() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String key = "k-" + UUID.randomUUID();
    assertThat(store.read(key)).isEmpty();
    assertThat(store.write(key, all, null)).isTrue();
    SharedRecord r = store.read(key).orElseThrow();
    assertThat(r.value()).isEqualTo(all);
    assertThat(r.token()).isZero();
    assertThat(store.write(key, new byte[] {1}, null)).isTrue();
    assertThat(store.read(key).orElseThrow().value()).containsExactly(1);
  }

  @Test
  void write_fenced_landsOnlyWhileNoNewerHolderWasGranted() throws Exception {
    String key = "k-" + UUID.randomUUID();
    Lease a = store.acquire(lock, "a", Duration.ofMillis(300)).orElseThrow();
    assertThat(store.write(key, new byte[] {1}, a)).isTrue();
    assertThat(store.read(key).orElseThrow().token()).isEqualTo(a.token());

    Lease b =
        Poll.until(
                Duration.ofSeconds(20),
                "a's lease expires",
                () -> store.acquire(lock, "b", LONG),
                Optional::isPresent)
            .orElseThrow();
    assertThat(store.write(key, new byte[] {2}, a)).as("a paused past its lease").isFalse();
    assertThat(store.read(key).orElseThrow().value()).containsExactly(1);
    assertThat(store.write(key, new byte[] {3}, b)).isTrue();
    assertThat(store.read(key).orElseThrow().token()).isEqualTo(b.token());
    assertThat(store.write(key, new byte[] {4}, new Lease("lock-never-granted", "b", b.token())))
        .isFalse();
  }

  @Test
  void acquire_byManyAtOnce_grantsExactlyOne() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Optional<Lease>>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String holder = "h" + i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.acquire(lock, holder, LONG);
                }));
      }
      start.countDown();
      int granted = 0;
      for (Future<Optional<Lease>> f : answers) {
        granted += f.get().isPresent() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
