package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.jdbc.JdbcStores;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's tables on each database {@code --store} can name (the real SQLite, PostgreSQL on 5432
 * and MariaDB on 3306): the portable DDL applies (twice: a restart), and accounts and notes with
 * quotes, non-ASCII and SQL metacharacters round-trip exactly.
 */
class DemoDatabaseTest {
  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sqlite",
        "postgresql://postgres@127.0.0.1:5432/test",
        "mariadb://root@127.0.0.1:3306/test"
      })
  void accountsAndNotes_roundTrip(String uri) {
    try (JdbcStores stores = JdbcStores.open(uri, b -> b.dataFolder(folder))) {
      DemoDatabase.of(stores.dataSource());
      DemoDatabase db = DemoDatabase.of(stores.dataSource()); // a restart: the DDL applies again
      DemoAccounts accounts = DemoAccounts.open(db, ArmetEnvironment.DEVELOPMENT);
      String name = "Zoë O'Brien \"; DROP TABLE demo_users; -- " + UUID.randomUUID();
      assertThat(accounts.create(name, "a long passphrase".toCharArray())).isTrue();
      assertThat(accounts.create(name, "another passphrase".toCharArray())).as("taken").isFalse();
      assertThat(accounts.verify(name, "a long passphrase".toCharArray())).hasValue(name);
      assertThat(accounts.verify(name, "another passphrase".toCharArray())).isEmpty();
      Notes notes = new Notes(db);
      notes.add(name, "' OR '1'='1 <b>bold</b> Grüße");
      assertThat(notes.of(name))
          .extracting(Notes.Note::text)
          .containsExactly("' OR '1'='1 <b>bold</b> Grüße");
      accounts.delete(name);
      assertThat(accounts.exists(name)).isFalse();
      assertThat(notes.of(name)).isEmpty();
      assertThat(accounts.verify(DemoAccounts.DEMO_USER, DemoAccounts.DEMO_PASSWORD.toCharArray()))
          .isPresent();
    }
  }
}
