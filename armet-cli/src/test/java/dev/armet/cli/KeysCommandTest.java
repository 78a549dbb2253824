package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code armet keys generate}: secrets alone on standard output, the hint on standard error. */
class KeysCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void generate_printsOneStrongSecretAndTheHint() {
    assertThat(run("keys", "generate")).isEqualTo(Main.OK);
    assertThat(lines()).hasSize(1);
    String secret = lines().get(0);
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(Secrets.parseList(secret)).hasSize(1);
    assertThat(err.toString().lines().toList())
        .hasSize(1)
        .first()
        .asString()
        .contains("ARMET_SECRETS=", "newest first", "ARMET_SECRETS_FILE");
  }

  @Test
  void generate_withCount_printsThatManyDifferentSecrets() {
    assertThat(run("keys", "generate", "--count", "5")).isEqualTo(Main.OK);
    assertThat(lines()).hasSize(5).allMatch(s -> s.matches("[A-Za-z0-9_-]{43}"));
    assertThat(new HashSet<>(lines())).hasSize(5);
  }

  @Test
  void generate_withCountOutOfRange_isUsageError() {
    assertThat(run("keys", "generate", "--count", "0")).isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .contains("--count must be between 1 and 100, was 0", "Usage: armet keys generate");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void keysWithoutVerb_isUsageError() {
    assertThat(run("keys")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("a command is needed", "generate");
  }

  @Test
  void help_listsKeys() {
    assertThat(run("--help")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("keys");
  }
}
