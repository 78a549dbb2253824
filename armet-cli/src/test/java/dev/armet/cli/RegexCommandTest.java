package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armet regex}: verdicts, formats, exit codes, and --scan on sources and a jar built here.
 */
class RegexCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void regex_quadraticPattern_exitsOneWithAttackAndProof() {
    assertThat(run("regex", "(a+)+$")).isEqualTo(Main.FAILURE);
    assertThat(out.toString())
        .contains(
            "UNSAFE",
            "complexity: polynomial (degree 2)",
            "attack: prefix \"\" + pump \"a\"",
            "proof: n→steps",
            "fitted degree ",
            "rewrite: (a+)++$");
  }

  @Test
  void regex_safePatterns_exitZero() {
    assertThat(run("regex", "\\d+", "(?>a+)+b", "(\\w+\\s?)*+$")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("safe in matches").doesNotContain("UNSAFE");
  }

  @Test
  void regex_failOnExponential_quadraticPasses() {
    assertThat(run("regex", "--fail-on", "exponential", "(a+)+$")).isEqualTo(Main.OK);
  }

  @Test
  void regex_stackRisk_countsAsPolynomial() {
    assertThat(run("regex", "(a|b)*")).isEqualTo(Main.FAILURE);
    assertThat(out.toString()).contains("stackRisk: StackOverflowError at", "rewrite: [ab]*");
  }

  @Test
  void regex_invalidPattern_exitsTwoWithTheJdksMessage() {
    assertThat(run("regex", "x{,3}")).isEqualTo(Main.USAGE);
    assertThat(out.toString()).contains("invalid: Illegal repetition near index 2");
  }

  @Test
  void regex_badOption_exitsTwo() {
    assertThat(run("regex", "--mode", "search", "a")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--mode matches, find or lookingAt (was 'search')");
    assertThat(run("regex", "--flags", "q", "a")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--flags: unknown flag 'q'");
  }

  @Test
  void regex_json_hasTheContractFields() {
    assertThat(run("regex", "--format", "json", "--mode", "find", "--flags", "i", ".*(?:.*=.*)"))
        .isEqualTo(Main.FAILURE);
    Map<?, ?> result =
        (Map<?, ?>)
            ((List<?>) ((Map<?, ?>) Json.parse(out.toString().trim())).get("results")).get(0);
    assertThat(result.get("complexity")).isEqualTo("polynomial");
    assertThat(result.get("degree")).isEqualTo(3);
    assertThat(result.get("mode")).isEqualTo("find");
    assertThat(result.get("flags")).isEqualTo(java.util.regex.Pattern.CASE_INSENSITIVE);
    assertThat(keys(result.get("attack"))).containsExactly("prefix", "pump", "suffix");
    assertThat(keys(result.get("proof"))).contains("samples", "fittedDegree", "stepBudget");
    assertThat(keys(result)).contains("stackRisk", "safe", "predicted", "notes");
  }

  @Test
  void regex_sarif_listsFindingsOnly() {
    assertThat(run("regex", "--format", "sarif", "(x+x+)+y", "\\d+")).isEqualTo(Main.FAILURE);
    Map<?, ?> sarif = (Map<?, ?>) Json.parse(out.toString().trim());
    assertThat(sarif.get("version")).isEqualTo("2.1.0");
    List<?> results = (List<?>) ((Map<?, ?>) ((List<?>) sarif.get("runs")).get(0)).get("results");
    assertThat(results)
        .singleElement()
        .satisfies(r -> assertThat(((Map<?, ?>) r).get("ruleId")).isEqualTo("redos-polynomial"));
  }

  @Test
  void scan_fatJarBuiltHere_findsCompileConstantAndAnnotationWithClassAndLine(@TempDir Path dir)
      throws IOException {
    Path jar = buildFatJar(dir);

    assertThat(run("regex", "--scan", "--format", "json", jar.toString())).isEqualTo(Main.FAILURE);
    List<?> results = (List<?>) ((Map<?, ?>) Json.parse(out.toString().trim())).get("results");
    Map<?, ?> compile = find(results, "(a+)+$");
    Map<?, ?> where = (Map<?, ?>) compile.get("location");
    assertThat(where.get("class")).isEqualTo("demo.Validator");
    assertThat(where.get("method")).isEqualTo("check");
    assertThat(where.get("line")).isEqualTo(9);
    assertThat(where.get("via")).isEqualTo("Pattern.compile");
    assertThat((String) where.get("file"))
        .endsWith("fat.jar!/BOOT-INF/lib/app.jar!/demo/Validator.class");
    assertThat(compile.get("complexity")).isEqualTo("polynomial");
    Map<?, ?> annotation = find(results, "(\\w+\\s?)*$");
    assertThat(((Map<?, ?>) annotation.get("location")).get("via")).isEqualTo("@Pattern(regexp)");
    assertThat(((Map<?, ?>) annotation.get("location")).get("method")).isEqualTo("name");
    Map<?, ?> flagged = find(results, "[a-z]+");
    assertThat(flagged.get("flags")).isEqualTo(java.util.regex.Pattern.CASE_INSENSITIVE);
    assertThat(find(results, ",\\s*")).isNotNull();
    assertThat(find(results, "\\d+")).isNotNull();
  }

  @Test
  void scan_sourceFolder_findsLiteralsWithLines(@TempDir Path dir) throws IOException {
    writeSources(dir);

    assertThat(run("regex", "--scan", dir.resolve("src").toString())).isEqualTo(Main.FAILURE);
    assertThat(out.toString())
        .contains(
            "/(a+)+$/  " + dir.resolve("src/demo/Validator.java") + ":9 (Pattern.compile)",
            "/(\\w+\\s?)*$/",
            "(@annotation(regexp))",
            "/,\\s*/",
            "(String.split)");
  }

  private static List<String> keys(Object map) {
    return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
  }

  private static Map<?, ?> find(List<?> results, String pattern) {
    return results.stream()
        .map(r -> (Map<?, ?>) r)
        .filter(r -> r.get("pattern").equals(pattern))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + pattern + " in " + results));
  }

  private static void writeSources(Path dir) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("demo"));
    Files.createDirectories(src.resolve("jakarta/validation/constraints"));
    Files.writeString(
        src.resolve("jakarta/validation/constraints/Pattern.java"),
        """
        package jakarta.validation.constraints;
        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
        public @interface Pattern { String regexp(); }
        """);
    Files.writeString(
        src.resolve("demo/Validator.java"),
        """
        package demo;

        import java.util.regex.Pattern;

        public class Validator {
          @jakarta.validation.constraints.Pattern(regexp = "(\\\\w+\\\\s?)*$")
          String name;
          boolean check(String input) {
            return Pattern.compile("(a+)+$").matcher(input).find() // the line the class file records
                || Pattern.compile("[a-z]+", Pattern.CASE_INSENSITIVE).matcher(input).matches()
                || input.matches("\\\\d+");
          }
          String[] parts(String csv) {
            return csv.split(",\\\\s*");
          }
        }
        """);
  }

  private static Path buildFatJar(Path dir) throws IOException {
    writeSources(dir);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new java.util.ArrayList<>(List.of("-g", "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    assertThat(
            ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
        .isZero();
    Path app = dir.resolve("app.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app));
        Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        jar.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(p));
        jar.closeEntry();
      }
    }
    Path fat = dir.resolve("fat.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(fat))) {
      jar.putNextEntry(new ZipEntry("BOOT-INF/lib/app.jar"));
      try (OutputStream o = OutputStream.nullOutputStream()) {
        jar.write(Files.readAllBytes(app));
      }
      jar.closeEntry();
    }
    return fat;
  }
}
