package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySessionStoreTest extends SessionStoreContract {

  @Override
  protected SessionStore newStore(MutableClock clock) {
    return new MemorySessionStore(1000, clock);
  }

  @Test
  void save_whenFull_sweepsExpiredFirst() {
    MemorySessionStore small = new MemorySessionStore(2, clock);
    create(small, record("old", null, Duration.ofMinutes(1), Map.of()));
    create(small, record("live", null, Duration.ofMinutes(30), Map.of()));
    clock.advance(Duration.ofMinutes(2));
    create(small, record("new", null, Duration.ofMinutes(30), Map.of()));
    assertThat(small.size()).isEqualTo(2);
    assertThat(small.load("live")).isPresent();
    assertThat(small.load("new")).isPresent();
  }

  @Test
  void save_whenFullOfLiveSessions_evictsTheOneClosestToExpiry() {
    MemorySessionStore small = new MemorySessionStore(2, clock);
    create(small, record("soon", null, Duration.ofMinutes(5), Map.of()));
    create(small, record("later", null, Duration.ofMinutes(30), Map.of()));
    create(small, record("new", null, Duration.ofMinutes(30), Map.of()));
    assertThat(small.load("soon")).isEmpty();
    assertThat(small.load("later")).isPresent();
    assertThat(small.size()).isEqualTo(2);
  }

  private static void create(SessionStore store, SessionRecord r) {
    assertThat(store.save(r, SessionStore.ABSENT)).isTrue();
  }

  @Test
  void constructor_nonPositiveBound_refused() {
    assertThatThrownBy(() -> new MemorySessionStore(0, clock))
        .hasMessage("maxEntries must be >= 1, was 0");
  }

  @Test
  void record_tooLargeToReadBack_refusedAtEncode() {
    SessionRecord r = record("k", null, Duration.ofMinutes(1), Map.of("a", "x".repeat(1 << 20)));
    assertThatThrownBy(r::encode)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("session data is 1048")
        .hasMessageContaining("over the 1048576");
  }

  @Test
  void record_encodeDecode_roundTripsWithVersion() {
    SessionRecord r = record("k", "u", Duration.ofMinutes(1), Map.of("a", java.util.List.of(1)));
    String encoded = r.encode();
    assertThat(encoded).startsWith("{\"v\":1,");
    SessionRecord back = SessionRecord.decode("k", encoded, r.expiresAt()).orElseThrow();
    assertThat(back.attributes()).isEqualTo(r.attributes());
    assertThat(back.userId()).contains("u");
    assertThat(SessionRecord.decode("k", encoded.replace("\"v\":1", "\"v\":2"), r.expiresAt()))
        .isEmpty();
    assertThat(SessionRecord.decode("k", "not json", r.expiresAt())).isEmpty();
    assertThat(SessionRecord.decode("k", encoded, r.expiresAt(), 7).orElseThrow().version())
        .isEqualTo(7);
    assertThat(SessionRecord.decode("k", encoded, r.expiresAt(), 0)).isEmpty();
  }
}
