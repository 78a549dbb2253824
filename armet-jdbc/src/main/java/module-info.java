/**
 * Sessions and rate limits in PostgreSQL, MariaDB/MySQL or SQLite through HikariCP: {@code
 * JdbcStores} implements core's {@code dev.armet.spi.Stores}. The JDBC drivers are optional
 * dependencies found by {@code java.sql.DriverManager}; add the one you use.
 */
module dev.armet.jdbc {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires transitive dev.armet.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires java.logging;

  exports dev.armet.jdbc;
}
