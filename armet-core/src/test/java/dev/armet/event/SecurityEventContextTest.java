package dev.armet.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-thread slot of {@link SecurityEventContext} is reused: no request sees another's. */
class SecurityEventContextTest {
  @Test
  void sequentialRequestsOnOneThread_eachSeeOnlyTheirOwn_andNoneAfterClose() {
    for (int i = 0; i < 3; i++) {
      try (SecurityEventContext.Scope s = SecurityEventContext.enter("192.0.2." + i, "/r" + i)) {
        assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).contains("192.0.2." + i);
        assertThat(SecurityEvent.of("authn_login_fail").requestUri()).contains("/r" + i);
      }
      assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).isEmpty();
      assertThat(SecurityEvent.of("authn_login_fail").requestUri()).isEmpty();
    }
  }

  @Test
  void nestedScopes_restoreUnknownValues_andTheOuterOneClearsAll() {
    try (SecurityEventContext.Scope outer = SecurityEventContext.enter(null, null)) {
      try (SecurityEventContext.Scope inner = SecurityEventContext.enter("192.0.2.9", "/in")) {
        try (SecurityEventContext.Scope deepest = SecurityEventContext.enter("192.0.2.10", null)) {
          assertThat(SecurityEvent.of("authn_login_fail").requestUri()).isEmpty();
          assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).contains("192.0.2.10");
        }
        assertThat(SecurityEvent.of("authn_login_fail").requestUri()).contains("/in");
      }
      assertThat(SecurityEvent.of("authn_login_fail").sourceAddress()).isEmpty();
    }
    try (SecurityEventContext.Scope again = SecurityEventContext.enter("192.0.2.11", "/again")) {
      assertThat(SecurityEvent.of("authn_login_fail").requestUri()).contains("/again");
    }
  }

  @Test
  void anotherThread_neverSeesThisThreadsRequest() throws InterruptedException {
    AtomicReference<String> seen = new AtomicReference<>("unset");
    try (SecurityEventContext.Scope s = SecurityEventContext.enter("192.0.2.12", "/mine")) {
      Thread other =
          new Thread(
              () -> seen.set(SecurityEvent.of("authn_login_fail").sourceAddress().orElse(null)));
      other.start();
      other.join();
    }
    assertThat(seen.get()).isNull();
  }
}
