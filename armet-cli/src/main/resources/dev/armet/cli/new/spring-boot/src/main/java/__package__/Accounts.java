package @@PACKAGE@@;

import dev.armet.login.CredentialVerifier;
import dev.armet.login.PasswordHasher;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * User accounts (table {@code accounts}, {@code schema.sql}) through {@link JdbcTemplate}, with
 * bound parameters only: user input is never part of the SQL text. Unknown users cost the same
 * hashing as wrong passwords ({@link CredentialVerifier}), so timing does not tell which
 * usernames exist.
 */
@Repository
class Accounts {
  private final JdbcTemplate jdbc;
  private final PasswordHasher hasher;
  private final CredentialVerifier verifier;

  Accounts(JdbcTemplate jdbc, PasswordHasher hasher) {
    this.jdbc = jdbc;
    this.hasher = hasher;
    this.verifier = CredentialVerifier.of(hasher);
  }

  /** Creates {@code username}; false when the name is taken. */
  boolean create(String username, char[] password) {
    try {
      return jdbc.update("INSERT INTO accounts (username, password_hash) VALUES (?, ?)", username,
          hasher.hash(password)) == 1;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  /** Whether {@code password} is {@code username}'s; the same work when the user does not exist. */
  boolean verify(String username, char[] password) {
    List<String> hash = jdbc.queryForList("SELECT password_hash FROM accounts WHERE username = ?", String.class,
        username);
    return verifier.verify(hash.isEmpty() ? null : hash.get(0), password);
  }
}
