package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armet deps fix} on armet-deps' sample project (offline, pom-only fixture repository): the
 * override goes into the pom and Maven, run again, resolves the fixed version.
 */
class DepsFixCommandTest {
  static final Path FIXTURE_REPO = DepsCommandTest.DEPS_RESOURCES.resolve("fixture-repo");
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** The synthetic advisory for the fixture package: lib before 1.1 is affected. */
  static Path osv(Path dir) throws IOException {
    Path osv = Files.createDirectories(dir.resolve("osv"));
    Files.copy(
        DepsCommandTest.DEPS_RESOURCES.resolve("osv-fixture-lib/ARMET-TEST-LIB.json"),
        osv.resolve("ARMET-TEST-LIB.json"));
    return osv;
  }

  static Path sampleApp(Path dir) throws IOException {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.copy(
        DepsCommandTest.DEPS_RESOURCES.resolve("projects/app/pom.xml"), app.resolve("pom.xml"));
    Files.createDirectories(app.resolve(".mvn"));
    Files.writeString(
        app.resolve(".mvn/maven.config"),
        "-o -Daether.offline.protocols=file -Dfixture.repo=" + FIXTURE_REPO + "\n");
    return app;
  }

  @Test
  void fix_transitiveThroughStarter_addsOverrideAndProvesIt(@TempDir Path dir) throws IOException {
    Path app = sampleApp(dir);
    Path osv = osv(dir);
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "deps",
            "fix",
            app.toString(),
            "--osv",
            osv.toString(),
            "--yes");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "+      <dependency><groupId>dev.armet.fixture</groupId><artifactId>lib</artifactId>"
                + "<version>1.1</version></dependency>",
            "verified: dev.armet.fixture:lib -> 1.1");
    assertThat(Files.readString(app.resolve("pom.xml")))
        .contains("<dependencyManagement>", "<!-- armet deps fix -->");
  }

  @Test
  void fix_withoutYes_showsTheDiffAsksAndChangesNothingOnNo(@TempDir Path dir) throws IOException {
    Path app = sampleApp(dir);
    String before = Files.readString(app.resolve("pom.xml"));
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream("n\n".getBytes()));
    int code;
    try {
      code =
          Main.run(
              new PrintWriter(out),
              new PrintWriter(err),
              "deps",
              "fix",
              app.toString(),
              "--osv",
              osv(dir).toString());
    } finally {
      System.setIn(stdin);
    }
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("+++ ", "<artifactId>lib</artifactId><version>1.1</version>");
    assertThat(err.toString()).contains("Apply these changes to", "[y/N]", "nothing changed");
    assertThat(Files.readString(app.resolve("pom.xml"))).isEqualTo(before);
  }
}
