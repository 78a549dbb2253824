package dev.armet.spring.boot.security;

import dev.armet.login.LoginThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds Spring Security's authentication outcomes to the {@link LoginThrottle}: a failure counts
 * against the (username, address) pair and the address, a success clears the pair. The address is
 * the one Armet resolved (it runs before Spring Security), so it is the same key the {@link
 * SecurityBridgeFilter} checks. The throttle records {@code authn_login_success} and {@code
 * authn_login_fail} (once each: counted by {@code armet.login.attempts{outcome}}).
 */
public final class ArmetAuthenticationEvents {
  private final LoginThrottle throttle;

  ArmetAuthenticationEvents(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @EventListener
  public void onFailure(AbstractAuthenticationFailureEvent event) {
    String address = address(event.getAuthentication());
    if (address == null) {
      return; // not a web login (e.g. a method-security call): nothing to count it by
    }
    // LoginThrottle records authn_login_fail itself (the account as a keyed hash): recording it
    // here as well counted every failure twice.
    throttle.failed(event.getAuthentication().getName(), address);
  }

  @EventListener
  public void onSuccess(AuthenticationSuccessEvent event) {
    String address = address(event.getAuthentication());
    if (address == null) {
      return;
    }
    throttle.succeeded(event.getAuthentication().getName(), address); // records authn_login_success
  }

  private static String address(Authentication authentication) {
    return authentication != null
            && authentication.getDetails() instanceof WebAuthenticationDetails d
        ? d.getRemoteAddress()
        : null;
  }
}
