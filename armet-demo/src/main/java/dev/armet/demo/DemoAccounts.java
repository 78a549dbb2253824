package dev.armet.demo;

import dev.armet.env.ArmetEnvironment;
import dev.armet.login.CredentialVerifier;
import dev.armet.login.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The demo's user accounts, in the {@code demo_users} table through prepared statements only;
 * passwords as Argon2id PHC strings. In development one account is created at start-up, {@value
 * #DEMO_USER} / {@value #DEMO_PASSWORD}, so anyone trying the demo can sign in; in production it is
 * never created, and one left behind by a development run on the same database is deleted at
 * start-up, because a password printed in a README is no password. Unknown users and wrong
 * passwords cost the same ({@link CredentialVerifier}).
 */
final class DemoAccounts {
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "armet-demo-password";

  private final DemoDatabase db;
  private final PasswordHasher hasher;
  private final CredentialVerifier verifier;
  private final boolean production;

  private DemoAccounts(DemoDatabase db, PasswordHasher hasher, boolean production) {
    this.db = db;
    this.hasher = hasher;
    this.verifier = CredentialVerifier.of(hasher);
    this.production = production;
  }

  /** The accounts in {@code db}, with the demo account in development and never in production. */
  static DemoAccounts open(DemoDatabase db, ArmetEnvironment environment) {
    DemoAccounts accounts = new DemoAccounts(db, new Argon2idHasher(), environment.isProduction());
    char[] password = DEMO_PASSWORD.toCharArray();
    try {
      if (environment.isProduction()) {
        if (accounts.verify(DEMO_USER, password).isPresent()) {
          accounts.delete(DEMO_USER);
        }
      } else if (accounts.hash(DEMO_USER).isEmpty()) {
        accounts.create(DEMO_USER, password);
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    return accounts;
  }

  /** Whether this is production, where no demo account exists. */
  boolean production() {
    return production;
  }

  /**
   * Creates {@code username} with {@code password} hashed; false if the name is taken. Check the
   * {@link PasswordPolicy} first.
   */
  boolean create(String username, char[] password) {
    String hash = hasher.hash(password);
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO demo_users (username, password_hash, created_at) VALUES (?, ?, ?)")) {
      s.setString(1, username);
      s.setString(2, hash);
      s.setLong(3, System.currentTimeMillis());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (hash(username).isPresent()) {
        return false; // a unique-key violation, whatever the driver calls it
      }
      throw new DemoStoreException("create an account", e);
    }
  }

  /**
   * The account's own spelling of the name if {@code password} is its password; empty otherwise,
   * with the same Argon2id work whether the account exists or not.
   */
  Optional<String> verify(String username, char[] password) {
    Optional<String[]> row = row(username);
    boolean ok = verifier.verify(row.map(r -> r[1]).orElse(null), password);
    return ok ? row.map(r -> r[0]) : Optional.empty();
  }

  /** Replaces the password of {@code username}. */
  void changePassword(String username, char[] password) {
    String hash = hasher.hash(password);
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement("UPDATE demo_users SET password_hash = ? WHERE username = ?")) {
      s.setString(1, hash);
      s.setString(2, username);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new DemoStoreException("change a password", e);
    }
  }

  /** Deletes the account and its notes. */
  void delete(String username) {
    try (Connection c = db.connection()) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM demo_notes WHERE owner = ?")) {
        s.setString(1, username);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM demo_users WHERE username = ?")) {
        s.setString(1, username);
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new DemoStoreException("delete an account", e);
    }
  }

  /** Whether the account exists. */
  boolean exists(String username) {
    return row(username).isPresent();
  }

  private Optional<String> hash(String username) {
    return row(username).map(r -> r[1]);
  }

  private Optional<String[]> row(String username) {
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT username, password_hash FROM demo_users WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new String[] {r.getString(1), r.getString(2)})
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DemoStoreException("read an account", e);
    }
  }
}
