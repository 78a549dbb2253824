package dev.armet.spring.boot.security;

import dev.armet.login.LoginThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds Spring Security's authentication outcomes to the {@link LoginThrottle}: a failure counts
 * against the (username, address) pair and the address, a success clears the pair. The address
 * is the one Armet resolved (it runs before Spring Security), so it is the same key the
 * {@link SecurityBridgeFilter} checks. The throttle records {@code authn_login_success} and
 * {@code authn_login_fail}; this listener records nothing more, so each attempt counts once.
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
    String user = event.getAuthentication().getName();
    throttle.failed(user, address); // records authn_login_fail (the account as a keyed hash)
  }

  @EventListener
  public void onSuccess(AuthenticationSuccessEvent event) {
    String address = address(event.getAuthentication());
    if (address == null) {
      return;
    }
    throttle.succeeded(event.getAuthentication().getName(), address); // authn_login_success
  }

  private static String address(Authentication authentication) {
    return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails d
        ? d.getRemoteAddress() : null;
  }
}
