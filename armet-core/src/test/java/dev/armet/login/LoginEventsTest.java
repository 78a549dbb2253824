package dev.armet.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import dev.armet.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What LoginThrottle knows, as OWASP vocabulary events, naming the account only by its hash. */
class LoginEventsTest {
  static final String IP = "198.51.100.7";
  final List<SecurityEvent> events = new ArrayList<>();
  final LoginThrottle throttle =
      LoginThrottle.builder().clock(new MutableClock()).events(events::add).build();

  @Test
  void failure_thenSuccess_areAuthnLoginFailAndSuccess_forOneAccountHash() {
    assertThat(throttle.check("Alice", IP).allowed()).isTrue();
    throttle.failed("Alice", IP);
    assertThat(throttle.check("alice", IP).allowed()).isTrue();
    throttle.succeeded("alice", IP);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsExactly("authn_login_fail", "authn_login_success");
    Object account = events.get(0).fields().get("account");
    assertThat(account).isNotNull().isEqualTo(events.get(1).fields().get("account"));
    assertThat(events.get(0).fields()).containsEntry("address", IP);
    assertThat(events)
        .allSatisfy(e -> assertThat(e.toString()).doesNotContainIgnoringCase("alice"));
  }

  @Test
  void usernameTypedAsPassword_neverReachesTheLog() {
    throttle.check("hunter2-secret", IP);
    throttle.failed("hunter2-secret", IP);
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2"));
  }

  @Test
  void lock_namesTheAccountAndScope() {
    for (int i = 0; i < 10; i++) {
      throttle.check("bob", IP);
      throttle.failed("bob", IP);
    }
    assertThat(events)
        .filteredOn(e -> e.type().equals("authn_login_lock"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.fields())
                    .containsEntry("scope", "account_from_address")
                    .containsEntry("account", events.get(0).fields().get("account"))
                    .containsKey("lockSeconds"));
  }
}
