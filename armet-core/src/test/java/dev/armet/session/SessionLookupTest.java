package dev.armet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.spi.SessionLoad;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The two halves of {@link ServerSessions#open}: what the lookup prepares for each kind of store,
 * and when the session read takes its time (issue 18: neither makes an object per request).
 */
class SessionLookupTest {
  final MutableClock clock = new MutableClock();
  final List<SecurityEvent> events = new ArrayList<>();

  ServerSessions sessions(SessionStore store) {
    return ServerSessions.create(
        s ->
            s.environment(ArmetEnvironment.DEVELOPMENT)
                .store(store)
                .clock(clock)
                .events(events::add)
                .keyring(ServerSessionsTest.ring(ServerSessionsTest.KEY_A)));
  }

  /** A browser with one stored session: its cookie header. */
  String signedIn(ServerSessions sessions) {
    Browser b = new Browser();
    b.request(sessions, s -> s.set("n", 1));
    return b.cookieHeader();
  }

  @Test
  void storeWithoutReadsOfItsOwn_nothingPrepared_openReadsTheStoreThen() {
    MemorySessionStore store = new MemorySessionStore(100, clock);
    ServerSessions sessions = sessions(store);
    RequestCookies cookies = RequestCookies.parse(signedIn(sessions));

    SessionLookup lookup = sessions.lookup(cookies, false);
    assertThat(lookup.load()).isNull();
    assertThat(sessions.open(lookup).get("n")).contains(1);

    SessionLookup again = sessions.lookup(cookies, false);
    store.delete(sessions.open(sessions.lookup(cookies, false)).handle().orElseThrow());
    assertThat(sessions.open(again).exists()).isFalse(); // read at open: the end is seen
  }

  @Test
  void storeThatPreparesReads_lookupCarriesIt_openUsesItsResult() {
    PreparingStore store = new PreparingStore(new MemorySessionStore(100, clock));
    ServerSessions sessions = sessions(store);
    RequestCookies cookies = RequestCookies.parse(signedIn(sessions));

    SessionLookup lookup = sessions.lookup(cookies, false);
    assertThat(lookup.load()).isNotNull();
    assertThat(store.prepared.get()).isEqualTo(1);
    assertThat(sessions.open(lookup).get("n")).contains(1);
    assertThat(store.results.get()).isEqualTo(1);
    assertThat(store.loads.get()).isEqualTo(1); // the prepared read, not a second one
  }

  @Test
  void sessionExpiringWithinTheClocksMillisecond_isEnded() {
    MemorySessionStore store = new MemorySessionStore(100, clock);
    ServerSessions sessions = sessions(store); // idle timeout 30 minutes
    clock.advance(Duration.ofNanos(100_000)); // created 0.1 ms into a millisecond
    String cookie = signedIn(sessions);

    clock.advance(Duration.ofMinutes(30).minusNanos(100_000).minusMillis(1));
    assertThat(sessions.open(RequestCookies.parse(cookie), false).exists()).isTrue();

    // Its expiry is 0.1 ms ahead, inside the millisecond the clock reads: it has ended.
    clock.advance(Duration.ofMillis(1));
    assertThat(sessions.open(RequestCookies.parse(cookie), false).exists()).isFalse();
    assertThat(events).extracting(SecurityEvent::type).contains("session_expired");
  }

  @Test
  void newSession_createdWhenCreated_notWhenOpened() {
    ServerSessions sessions = sessions(new MemorySessionStore(100, clock));
    Instant opened = clock.instant();
    Session s = sessions.open(RequestCookies.empty(), false);
    clock.advance(Duration.ofSeconds(5));
    s.create();
    assertThat(s.createdAt()).contains(opened.plusSeconds(5));
  }

  /** A store that prepares its own reads, counting them. */
  static final class PreparingStore extends ForwardingStore {
    final AtomicInteger prepared = new AtomicInteger();
    final AtomicInteger results = new AtomicInteger();
    final AtomicInteger loads = new AtomicInteger();

    PreparingStore(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public SessionLoad prepareLoad(String key) {
      prepared.incrementAndGet();
      SessionLoad read = SessionLoad.deferred(this, key);
      return new SessionLoad() {
        @Override
        public String key() {
          return read.key();
        }

        @Override
        public Optional<SessionRecord> result() {
          results.incrementAndGet();
          return read.result();
        }
      };
    }

    @Override
    public Optional<SessionRecord> load(String key) {
      loads.incrementAndGet();
      return delegate.load(key);
    }
  }
}
