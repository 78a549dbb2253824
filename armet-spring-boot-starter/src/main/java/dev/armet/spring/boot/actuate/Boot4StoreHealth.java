package dev.armet.spring.boot.actuate;

import dev.armet.spring.boot.ArmetStores;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The store's health on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
public final class Boot4StoreHealth implements HealthIndicator {
  private final ArmetStores stores;

  public Boot4StoreHealth(ArmetStores stores) {
    this.stores = stores;
  }

  @Override
  public Health health() {
    String failure = StoreProbe.failure(stores);
    return (failure == null ? Health.up() : Health.down().withDetail("error", failure))
        .withDetail("store", stores.kind())
        .build();
  }
}
