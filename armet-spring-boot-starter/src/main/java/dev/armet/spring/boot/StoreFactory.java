package dev.armet.spring.boot;

import dev.armet.internal.env.MaskedUri;
import dev.armet.jdbc.JdbcStores;
import dev.armet.redis.RedisStores;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Opens the stores {@code armet.store} names. armet-redis and armet-jdbc are optional: their types
 * are touched only inside the branch that needs them.
 */
final class StoreFactory {
  private StoreFactory() {}

  static ArmetStores open(
      String store, Environment env, ListableBeanFactory beans, ClassLoader loader) {
    String value = store == null ? "memory" : store.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.equals("memory")) {
      return ArmetStores.memory();
    }
    if (lower.equals("redis")) {
      require("dev.armet.redis.RedisStores", "dev.armet:armet-redis", loader);
      if (ClassUtils.isPresent(SpringRedis.FACTORY, loader)) {
        ArmetStores reused = SpringRedis.reuse(beans);
        if (reused != null) {
          return reused;
        }
      }
      return redis(redisUri(env), loader);
    }
    if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
      return redis(value, loader);
    }
    if (lower.equals("jdbc")) {
      require("dev.armet.jdbc.JdbcStores", "dev.armet:armet-jdbc", loader);
      javax.sql.DataSource data = beans.getBeanProvider(javax.sql.DataSource.class).getIfUnique();
      if (data != null) {
        JdbcStores jdbc =
            Refusals.build(
                "armet.store",
                "check that the database is up",
                () -> JdbcStores.builder(data).build());
        return new ArmetStores(
            "jdbc (the application's DataSource, " + jdbc.dialect() + ")",
            jdbc.sessions(),
            jdbc.rateLimits(),
            jdbc);
      }
      throw new ArmetConfigurationException(
          "armet.store",
          "'jdbc' needs a DataSource bean in the" + " application context and there is none",
          "define spring.datasource.url, or use" + " a URI such as postgresql://host/db",
          null);
    }
    require("dev.armet.jdbc.JdbcStores", "dev.armet:armet-jdbc", loader);
    if (!JdbcStores.accepts(value)) {
      throw new ArmetConfigurationException(
          "armet.store",
          "'" + MaskedUri.of(value) + "' is not a store",
          "use memory, redis, jdbc, or a redis://, postgresql://," + " mariadb:// or sqlite: URI",
          null);
    }
    JdbcStores jdbc =
        Refusals.build(
            "armet.store",
            "check the URI and that the database is up",
            () -> JdbcStores.open(value));
    return new ArmetStores(MaskedUri.of(value), jdbc.sessions(), jdbc.rateLimits(), jdbc);
  }

  private static ArmetStores redis(String uri, ClassLoader loader) {
    require("dev.armet.redis.RedisStores", "dev.armet:armet-redis", loader);
    RedisStores redis =
        Refusals.build(
            "armet.store", "check the URI and that Redis is up", () -> RedisStores.open(uri));
    return new ArmetStores(MaskedUri.of(uri), redis.sessions(), redis.rateLimits(), redis);
  }

  /** The URI of the application's own Redis settings (spring.data.redis.*). */
  static String redisUri(Environment env) {
    String url = env.getProperty("spring.data.redis.url");
    if (url != null && !url.isBlank()) {
      return url;
    }
    String host = env.getProperty("spring.data.redis.host", "localhost");
    String port = env.getProperty("spring.data.redis.port", "6379");
    String db = env.getProperty("spring.data.redis.database", "0");
    String password = env.getProperty("spring.data.redis.password");
    String user = env.getProperty("spring.data.redis.username");
    String auth = password == null ? "" : (user == null ? "" : user) + ":" + password + "@";
    return "redis://" + auth + host + ":" + port + "/" + db;
  }

  static void require(String type, String artifact, ClassLoader loader) {
    if (!ClassUtils.isPresent(type, loader)) {
      throw new ArmetConfigurationException(
          "armet.store",
          "this store needs " + artifact + " on the class path",
          "add the dependency " + artifact,
          null);
    }
  }
}
