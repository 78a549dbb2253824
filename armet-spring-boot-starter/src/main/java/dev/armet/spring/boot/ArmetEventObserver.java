package dev.armet.spring.boot;

import dev.armet.event.SecurityEvent;

/**
 * A bean that sees every security event the starter's components record, just before it is logged
 * on {@code armet.security} (the Micrometer counters are one). Implement it to forward events to a
 * SIEM; it must not block and must not throw.
 */
@FunctionalInterface
public interface ArmetEventObserver {
  void observe(SecurityEvent event);
}
