package dev.armet.spring.boot.metrics;

import dev.armet.spi.StoreObserver;
import dev.armet.spring.boot.ArmetAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Armet's counters and store timers on the application's {@link MeterRegistry}, when Micrometer is
 * present. The registry is looked up when the first event or store operation comes, so this needs
 * no ordering against Boot's metrics auto-configuration (whose package differs between Boot 3 and
 * 4).
 */
@AutoConfiguration(before = ArmetAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(
    prefix = "armet.metrics",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class ArmetMetricsAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  public ArmetMeters armetMeters(ObjectProvider<MeterRegistry> registry) {
    return new ArmetMeters(registry::getIfUnique);
  }

  @Bean
  @ConditionalOnMissingBean(StoreObserver.class)
  public ArmetStoreMeters armetStoreMeters(ObjectProvider<MeterRegistry> registry) {
    return new ArmetStoreMeters(registry::getIfUnique);
  }
}
