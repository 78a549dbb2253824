/**
 * Sessions and rate limits in Redis (standalone, Sentinel, Cluster) through Lettuce: {@code
 * RedisStores} implements core's {@code dev.armet.spi.Stores}.
 *
 * <p>Lettuce carries no module descriptor; it is required under its {@code Automatic-Module-Name}
 * ({@code lettuce.core}).
 */
@SuppressWarnings("requires-automatic")
module dev.armet.redis {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires transitive dev.armet.core;
  requires lettuce.core;
  requires java.logging;

  exports dev.armet.redis;
}
