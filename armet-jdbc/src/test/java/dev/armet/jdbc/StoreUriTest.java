package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreUriTest {
  private static final Path DATA = Path.of("/srv/app/data");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "postgresql://postgres@127.0.0.1:5432/test     | POSTGRESQL | jdbc:postgresql://127.0.0.1:5432/test | postgres | -",
        "postgres://app:p%40ss@db/app?ssl=true         | POSTGRESQL | jdbc:postgresql://db:5432/app?ssl=true | app | p@ss",
        "mariadb://root@127.0.0.1:3306/test            | MARIADB    | jdbc:mariadb://127.0.0.1:3306/test    | root     | -",
        "mysql://u:pw@h/app                            | MARIADB    | jdbc:mariadb://h:3306/app             | u        | pw",
        "sqlite                                        | SQLITE     | jdbc:sqlite:/srv/app/data/armet.db    | -        | -",
        "sqlite:sessions.db                            | SQLITE     | jdbc:sqlite:/srv/app/data/sessions.db | -        | -",
        "sqlite:/var/lib/armet.db                      | SQLITE     | jdbc:sqlite:/var/lib/armet.db         | -        | -"
      })
  void parse_table(String uri, SqlDialect dialect, String jdbc, String user, String password) {
    StoreUri parsed = StoreUri.parse(uri.strip(), DATA);
    assertThat(parsed.dialect).isEqualTo(dialect);
    assertThat(parsed.jdbcUrl).isEqualTo(jdbc.strip());
    assertThat(parsed.user).isEqualTo(user == null ? null : user.strip());
    assertThat(parsed.password).isEqualTo(password == null ? null : password.strip());
    assertThat(parsed.jdbcUrl).doesNotContain("@");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "sqlite,true",
    "sqlite:x.db,true",
    "postgresql://h/db,true",
    "mysql://h/db,true",
    "redis://h:6379,false",
    "sqlitex,false",
    "http://h/db,false"
  })
  void accepts_table(String uri, boolean accepted) {
    assertThat(JdbcStores.accepts(uri)).isEqualTo(accepted);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://h:6379/0         | store URI must be postgresql://, mariadb://, mysql://, sqlite or sqlite:path",
        "postgresql://u:pw@h      | store URI needs a host and a database, as in postgresql://user@host:5432/app; was postgresql://u:****@h",
        "oracle://u:secret@h/db   | was oracle://u:****@h/db",
        "postgresql://u:se/cret@h | was postgresql://****@h",
        "oracle://u:se@cret@h/db  | was oracle://****@h/db",
        "sqlite:                  | sqlite store URI needs a file after 'sqlite:'"
      })
  void parse_bad_saysWhyWithoutThePassword(String uri, String message) {
    assertThatThrownBy(() -> StoreUri.parse(uri.strip(), DATA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.strip())
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("pw@")
                    .doesNotContain("secret")
                    .doesNotContain("cret"));
  }
}
