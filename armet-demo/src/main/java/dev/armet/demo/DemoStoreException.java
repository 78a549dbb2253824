package dev.armet.demo;

import java.sql.SQLException;

/** The demo's database failed; the request fails (500) and the SQLState is kept for the log. */
final class DemoStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoStoreException(String operation, SQLException cause) {
    super(operation + " failed: SQLState " + cause.getSQLState(), cause);
  }
}
