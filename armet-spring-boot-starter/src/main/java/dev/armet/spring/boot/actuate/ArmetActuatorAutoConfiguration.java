package dev.armet.spring.boot.actuate;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import dev.armet.keys.Keyring;
import dev.armet.spring.boot.ArmetAutoConfiguration;
import dev.armet.spring.boot.ArmetStartupReport;
import dev.armet.spring.boot.ArmetStores;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/armet} and the {@code armet} health indicator, when Spring Boot Actuator is
 * present. The indicator type moved in Boot 4, so each line has its own, chosen by class name.
 */
@AutoConfiguration(after = ArmetAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(ArmetStartupReport.class)
public class ArmetActuatorAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  public ArmetEndpoint armetEndpoint(
      ArmetStartupReport report,
      ArmetEnvironment env,
      ArmetStores stores,
      Keyring keyring,
      SecurityHeaders headers) {
    return new ArmetEndpoint(report, env, stores, keyring, headers);
  }

  /** Boot 3: {@code org.springframework.boot.actuate.health.HealthIndicator}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3Health {
    @Bean(name = "armetHealthIndicator")
    @ConditionalOnMissingBean(name = "armetHealthIndicator")
    Boot3StoreHealth armetHealthIndicator(ArmetStores stores) {
      return new Boot3StoreHealth(stores);
    }
  }

  /** Boot 4: {@code org.springframework.boot.health.contributor.HealthIndicator}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {
    @Bean(name = "armetHealthIndicator")
    @ConditionalOnMissingBean(name = "armetHealthIndicator")
    Boot4StoreHealth armetHealthIndicator(ArmetStores stores) {
      return new Boot4StoreHealth(stores);
    }
  }
}
