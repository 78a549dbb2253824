package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "mariadb", "mysql", "sqlite"})
  void schema_eachDialect_printsCreateTables(String dialect) {
    assertThat(run("schema", "--dialect", dialect)).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("CREATE TABLE").contains("armet_").endsWith(";\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void schema_tablePrefix_isUsed() {
    assertThat(run("schema", "--dialect", "postgresql", "--table-prefix", "app_"))
        .isEqualTo(Main.OK);
    assertThat(out.toString()).contains("app_").doesNotContain("armet_");
  }

  @Test
  void schema_unknownDialect_isUsageErrorNamingTheChoices() {
    assertThat(run("schema", "--dialect", "oracle")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("postgresql").contains("oracle");
  }

  @Test
  void schema_withoutDialect_isUsageError() {
    assertThat(run("schema")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--dialect");
  }
}
