package dev.armet.spring.boot.security;

import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.login.LoginThrottle;
import dev.armet.session.Sessions;
import dev.armet.spi.StoreObserver;
import dev.armet.spring.boot.ArmetAutoConfiguration;
import dev.armet.spring.boot.ArmetProperties;
import dev.armet.spring.boot.ArmetStores;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Armet beside Spring Security: the {@link LoginThrottle} fed by Spring Security's authentication
 * events and consulted before the password is checked, Spring Security's session objects kept in
 * Armet sessions as JSON, and a start-up note when both would write headers or check CSRF.
 */
@AutoConfiguration(after = ArmetAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBean(ArmetProperties.class)
public class ArmetSecurityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "armet.login",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public LoginThrottle armetLoginThrottle(
      ArmetProperties properties,
      ArmetStores stores,
      Keyring keyring,
      SecurityEventSink events,
      ObjectProvider<StoreObserver> observer) {
    ArmetProperties.Login p = properties.getLogin();
    try {
      return LoginThrottle.builder()
          .lockout(p.getFailures(), p.getLocks().toArray(Duration[]::new))
          .addressDailyLimit(p.getAddressDailyLimit())
          .store(ArmetAutoConfiguration.observed(stores, observer).rateLimits())
          .keyring(keyring)
          .events(events)
          .build();
    } catch (IllegalArgumentException e) {
      throw new dev.armet.spring.boot.ArmetConfigurationException(
          "armet.login", e.getMessage(), "see the message for the bound", e);
    }
  }

  @Bean
  @ConditionalOnBean(LoginThrottle.class)
  public ArmetAuthenticationEvents armetAuthenticationEvents(LoginThrottle throttle) {
    return new ArmetAuthenticationEvents(throttle);
  }

  @Bean
  @ConditionalOnMissingBean(name = "armetSecurityBridgeRegistration")
  public FilterRegistrationBean<SecurityBridgeFilter> armetSecurityBridgeRegistration(
      ArmetProperties properties,
      ObjectProvider<LoginThrottle> throttle,
      ObjectProvider<Sessions> sessions,
      SecurityEventSink events) {
    SecurityBridgeFilter filter =
        new SecurityBridgeFilter(
            throttle.getIfAvailable(),
            sessions.getIfAvailable() != null,
            properties.getLogin(),
            events);
    FilterRegistrationBean<SecurityBridgeFilter> r = new FilterRegistrationBean<>(filter);
    r.setName("armetSecurityBridge");
    r.setOrder(properties.getFilterOrder() + 1);
    r.addUrlPatterns("/*");
    r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    return r;
  }

  @Bean
  public SecurityChainAdvice armetSecurityChainAdvice(
      ObjectProvider<SecurityFilterChain> chains, ArmetProperties properties) {
    return new SecurityChainAdvice(chains, properties);
  }
}
