package dev.armet.jdbc;

import dev.armet.internal.env.MaskedUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A store URI taken apart: {@code postgresql://user:password@host:5432/db?…}, {@code mariadb://…}
 * (or {@code mysql://…}), {@code sqlite} (the data folder's {@code armet.db}) or {@code
 * sqlite:path}. Credentials go to the pool, never into the JDBC URL, and {@link #masked} is the
 * only form that appears in messages.
 */
final class StoreUri {
  final SqlDialect dialect;
  final String jdbcUrl;
  final String user;
  final String password;
  final String masked;

  private StoreUri(
      SqlDialect dialect, String jdbcUrl, String user, String password, String masked) {
    this.dialect = dialect;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.masked = masked;
  }

  static StoreUri parse(String uri, Path dataFolder) {
    if (uri.equals("sqlite") || uri.startsWith("sqlite:")) {
      String file = uri.equals("sqlite") ? "armet.db" : uri.substring("sqlite:".length());
      if (file.isEmpty()) {
        throw new IllegalArgumentException(
            "sqlite store URI needs a file after 'sqlite:', was " + uri);
      }
      Path path = dataFolder.resolve(file).toAbsolutePath();
      return new StoreUri(SqlDialect.SQLITE, "jdbc:sqlite:" + path, null, null, "sqlite:" + path);
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("store URI is not a URI: " + MaskedUri.of(uri));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    SqlDialect dialect;
    String driver;
    int defaultPort;
    switch (scheme) {
      case "postgresql":
      case "postgres":
        dialect = SqlDialect.POSTGRESQL;
        driver = "postgresql";
        defaultPort = 5432;
        break;
      case "mariadb":
      case "mysql":
        dialect = SqlDialect.MARIADB;
        driver = "mariadb";
        defaultPort = 3306;
        break;
      default:
        throw new IllegalArgumentException(
            "store URI must be postgresql://, mariadb://, mysql://, "
                + "sqlite or sqlite:path (Redis URIs go to armet-redis), was "
                + MaskedUri.of(uri));
    }
    if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
      throw new IllegalArgumentException(
          "store URI needs a host and a database, as in "
              + scheme
              + "://user@host:"
              + defaultPort
              + "/app; was "
              + MaskedUri.of(uri));
    }
    String user = null;
    String password = null;
    if (u.getRawUserInfo() != null) {
      String[] info = u.getRawUserInfo().split(":", 2);
      user = decode(info[0]);
      password = info.length > 1 ? decode(info[1]) : null;
    }
    int port = u.getPort() < 0 ? defaultPort : u.getPort();
    String jdbc =
        "jdbc:"
            + driver
            + "://"
            + u.getHost()
            + ":"
            + port
            + u.getRawPath()
            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    return new StoreUri(dialect, jdbc, user, password, MaskedUri.of(uri));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
