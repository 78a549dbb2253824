package @@PACKAGE@@;

import dev.armet.login.CredentialVerifier;
import dev.armet.login.PasswordHasher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * User accounts in an embedded SQLite file, read and written through prepared statements only:
 * user input is always a bound parameter, never part of the SQL text. Unknown users cost the
 * same hashing as wrong passwords ({@link CredentialVerifier}).
 */
final class Accounts implements AutoCloseable {
  private final Connection db;
  private final PasswordHasher hasher;
  private final CredentialVerifier verifier;

  private Accounts(Connection db, PasswordHasher hasher) {
    this.db = db;
    this.hasher = hasher;
    this.verifier = CredentialVerifier.of(hasher);
  }

  static Accounts open(Path file, PasswordHasher hasher) {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) { // fixed DDL, no input in it
        s.execute("CREATE TABLE IF NOT EXISTS accounts (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL)");
      }
      return new Accounts(db, hasher);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the accounts database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code username} unless it exists; returns whether it was created. */
  synchronized boolean createIfAbsent(String username, char[] password) {
    try (PreparedStatement insert = db.prepareStatement(
        "INSERT INTO accounts (username, password_hash) VALUES (?, ?) ON CONFLICT (username) DO NOTHING")) {
      insert.setString(1, username);
      insert.setString(2, hasher.hash(password));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the account: " + e.getMessage(), e);
    }
  }

  /** Whether {@code password} is {@code username}'s; the same work when the user does not exist. */
  boolean verify(String username, char[] password) {
    String hash;
    synchronized (this) {
      try (PreparedStatement select = db.prepareStatement("SELECT password_hash FROM accounts WHERE username = ?")) {
        select.setString(1, username);
        try (ResultSet row = select.executeQuery()) {
          hash = row.next() ? row.getString(1) : null;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the account: " + e.getMessage(), e);
      }
    }
    return verifier.verify(hash, password);
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
