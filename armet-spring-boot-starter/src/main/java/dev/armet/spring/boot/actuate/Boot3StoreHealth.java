package dev.armet.spring.boot.actuate;

import dev.armet.spring.boot.ArmetStores;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The store's health on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
public final class Boot3StoreHealth implements HealthIndicator {
  private final ArmetStores stores;

  public Boot3StoreHealth(ArmetStores stores) {
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
