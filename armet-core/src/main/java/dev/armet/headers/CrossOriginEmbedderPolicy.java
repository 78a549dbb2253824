package dev.armet.headers;

/**
 * {@code Cross-Origin-Embedder-Policy} values (HTML §7.1.4). Off by default, as in Helmet 8: {@code
 * require-corp} breaks pages that embed cross-origin resources without CORP/CORS.
 */
public enum CrossOriginEmbedderPolicy {
  REQUIRE_CORP("require-corp"),
  CREDENTIALLESS("credentialless"),
  UNSAFE_NONE("unsafe-none");

  private final String value;

  CrossOriginEmbedderPolicy(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return value;
  }
}
