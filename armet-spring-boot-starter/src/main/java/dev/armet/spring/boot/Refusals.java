package dev.armet.spring.boot;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns a core builder's refusal into an {@link ArmetConfigurationException} naming the property.
 */
final class Refusals {
  private Refusals() {}

  static <T> T build(String property, String fix, Supplier<T> build) {
    try {
      return build.get();
    } catch (ArmetConfigurationException e) {
      throw e;
    } catch (IllegalStateException | IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("armet_secrets") || lower.contains("secret")) {
        throw new ArmetConfigurationException(
            "armet.secrets",
            message,
            "give at least one strong secret (ARMET_SECRETS=\"$(armet keys generate)\" or"
                + " armet.secrets from a secret store, never committed)",
            e);
      }
      if (lower.contains("store") || lower.contains("memory")) {
        throw new ArmetConfigurationException(
            "armet.store",
            message,
            "use a shared store: armet.store=redis (the application's RedisConnectionFactory),"
                + " jdbc (its DataSource) or a URI such as redis://host:6379/0",
            e);
      }
      throw new ArmetConfigurationException(property, message, fix, e);
    }
  }
}
