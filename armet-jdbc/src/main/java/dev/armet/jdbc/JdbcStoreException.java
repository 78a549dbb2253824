package dev.armet.jdbc;

import java.sql.SQLException;

/**
 * The database could not answer a session operation in time (timeout, lost connection). Armet fails
 * the request (fail closed) rather than treat the client as anonymous. The message names the
 * operation and SQLState only, never a key, a value or the connection URI.
 */
public final class JdbcStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JdbcStoreException(String operation, SQLException cause) {
    super(
        "database "
            + operation
            + " failed: SQLState "
            + cause.getSQLState()
            + " "
            + cause.getClass().getSimpleName(),
        cause);
  }
}
