package dev.armet.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventGateTest {
  final List<SecurityEvent> out = new CopyOnWriteArrayList<>();
  final MutableClock clock = new MutableClock();
  final EventGate gate =
      EventGate.builder(out::add).burst(3).interval(Duration.ofSeconds(1)).clock(clock).build();

  @Test
  void record_flood_passesTheBurstThenHoldsBack() {
    for (int i = 0; i < 100; i++) {
      gate.record(SecurityEvent.of("csp_violation").with("n", i));
    }
    assertThat(out)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.fields()).doesNotContainKey(EventGate.SUPPRESSED));
  }

  @Test
  void record_afterAFlood_nextEventOfTheTypeCarriesTheSuppressedCount() {
    for (int i = 0; i < 100; i++) {
      gate.record(SecurityEvent.of("csp_violation"));
    }
    clock.advance(Duration.ofSeconds(1));
    gate.record(SecurityEvent.of("csp_violation"));
    assertThat(out).hasSize(4);
    assertThat(out.get(3).fields()).containsEntry(EventGate.SUPPRESSED, 97L);
  }

  @Test
  void record_budgetsArePerType() {
    for (int i = 0; i < 10; i++) {
      gate.record(SecurityEvent.of("malicious_csrf"));
    }
    gate.record(SecurityEvent.of("session_tampered"));
    assertThat(out)
        .extracting(SecurityEvent::type)
        .containsExactly("malicious_csrf", "malicious_csrf", "malicious_csrf", "session_tampered");
  }

  @Test
  void record_aQuietTypesPendingCount_isReportedAsASummaryWhenAnotherEventPasses() {
    for (int i = 0; i < 10; i++) {
      gate.record(SecurityEvent.of("malicious_csrf"));
    }
    clock.advance(Duration.ofSeconds(5));
    gate.record(SecurityEvent.of("authn_login_lock"));
    assertThat(out).hasSize(5);
    SecurityEvent summary = out.get(4);
    assertThat(summary.type()).isEqualTo(EventGate.SUMMARY);
    assertThat(summary.fields())
        .containsEntry("type", "malicious_csrf")
        .containsEntry(EventGate.SUPPRESSED, 7L);
  }

  @Test
  void flush_reportsEveryPendingCountNow() {
    for (int i = 0; i < 5; i++) {
      gate.record(SecurityEvent.of("a"));
      gate.record(SecurityEvent.of("b"));
    }
    gate.flush();
    assertThat(out.subList(6, 8))
        .extracting(e -> e.fields().get("type") + "=" + e.fields().get(EventGate.SUPPRESSED))
        .containsExactlyInAnyOrder("a=2", "b=2");
    gate.flush();
    assertThat(out).hasSize(8);
  }

  @Test
  void record_manyTypes_shareOneBudgetPastTheBound() {
    EventGate one = EventGate.builder(out::add).burst(1).clock(clock).build();
    for (int i = 0; i < EventGate.MAX_TYPES + 50; i++) {
      one.record(SecurityEvent.of("type-" + i));
    }
    assertThat(out).hasSize(EventGate.MAX_TYPES + 1);
  }

  @Test
  void gated_aGate_isKeptAsIs() {
    assertThat(EventGate.gated(gate)).isSameAs(gate);
    assertThat(EventGate.gated(out::add)).isInstanceOf(EventGate.class);
  }

  @Test
  void builder_badValues_areRefusedNamingTheBound() {
    assertThatThrownBy(() -> EventGate.builder(out::add).burst(0))
        .hasMessage("burst must be between 1 and 10000, was 0");
    assertThatThrownBy(() -> EventGate.builder(out::add).interval(Duration.ZERO))
        .hasMessage("interval must be between 1 ms and 1 h, was PT0S");
  }
}
