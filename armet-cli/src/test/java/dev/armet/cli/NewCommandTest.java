package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet new} in-process: what it writes, and what it refuses. */
class NewCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void help_listsOptionsAndExitCodes() {
    assertThat(run("new", "--help")).isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains(
            "DIR",
            "--group=GROUP",
            "--name=NAME",
            "--flavor=FLAVOR",
            "Exit codes:",
            "2   usage error",
            "  server       armet-server",
            "  spring-boot  Spring Boot 3.5 with armet-spring-boot-starter");
  }

  @Test
  void writesTheProject_withThisArmetVersion_andNoPlaceholderLeft() throws Exception {
    Path project = dir.resolve("shop");
    assertThat(run("new", project.toString(), "--group", "org.acme", "--name", "web-shop"))
        .isEqualTo(Main.OK);
    assertThat(out.toString()).contains("mvn verify", "java -jar target/web-shop.jar");
    assertThat(project.resolve("pom.xml"))
        .content()
        .contains(
            "<groupId>org.acme</groupId>",
            "<artifactId>web-shop</artifactId>",
            "<armet.version>" + ArmetVersion.version() + "</armet.version>");
    assertThat(project.resolve("src/main/java/org/acme/webshop/App.java"))
        .content()
        .startsWith("package org.acme.webshop;");
    assertThat(project.resolve("src/test/java/org/acme/webshop/AppTest.java")).exists();
    assertThat(project.resolve("src/main/jte/home.jte"))
        .content()
        .contains("@import org.acme.webshop.Pages");
    assertThat(project.resolve(".gitignore")).content().contains("target/", "data/");
    assertThat(project.resolve("deploy/web-shop.service"))
        .content()
        .contains("ExecStart=", "NoNewPrivileges=true");
    assertThat(project.resolve("README.md"))
        .content()
        .contains("ARMET_ENV", "mvn verify", "java -jar target/web-shop.jar");
    assertEveryTemplateWritten(project, "server");
  }

  @Test
  void nameDefaultsToTheFolder() {
    assertThat(run("new", dir.resolve("my-app").toString())).isEqualTo(Main.OK);
    assertThat(dir.resolve("my-app/src/main/java/com/example/myapp/App.java")).exists();
  }

  @Test
  void nonEmptyFolder_isRefused_andLeftAlone() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertThat(run("new", dir.toString(), "--name", "app")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("is not an empty folder");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("notes.txt"));
    }
  }

  @Test
  void emptyFolder_isAccepted() {
    assertThat(run("new", dir.toString(), "--name", "app")).isEqualTo(Main.OK);
    assertThat(dir.resolve("pom.xml")).exists();
  }

  @Test
  void springBoot_writesABootProject_onTheStarter_withNoPlaceholderLeft() throws Exception {
    Path project = dir.resolve("boot");
    assertThat(
            run(
                "new",
                project.toString(),
                "--group",
                "org.acme",
                "--name",
                "web-shop",
                "--flavor",
                "spring-boot"))
        .isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains("mvn verify", "java -jar target/web-shop.jar", "http://localhost:8080/");
    assertThat(project.resolve("pom.xml"))
        .content()
        .contains(
            "<artifactId>spring-boot-starter-parent</artifactId>",
            "<artifactId>armet-spring-boot-starter</artifactId>",
            "<artifactId>spring-boot-starter-thymeleaf</artifactId>",
            "<armet.version>" + ArmetVersion.version() + "</armet.version>");
    Path code = project.resolve("src/main/java/org/acme/webshop");
    assertThat(code.resolve("Application.java")).content().startsWith("package org.acme.webshop;");
    assertThat(code.resolve("Argon2idHasher.java"))
        .as("shared with the server flavour")
        .content()
        .startsWith("package org.acme.webshop;")
        .contains("ARGON2_id");
    assertThat(project.resolve("src/main/resources/templates/layout.html"))
        .content()
        .contains("th:nonce=\"${cspNonce}\"");
    assertThat(code.resolve("PageModel.java")).content().contains("ArmetFilter.CSP_NONCE");
    assertThat(project.resolve("src/test/java/org/acme/webshop/ApplicationTest.java")).exists();
    assertThat(project.resolve("deploy/web-shop.service"))
        .content()
        .contains("ExecStart=", "NoNewPrivileges=true");
    assertThat(project.resolve("README.md"))
        .content()
        .contains("ARMET_ENV", "mvn verify", "java -jar target/web-shop.jar");
    assertEveryTemplateWritten(project, "spring-boot");
  }

  /** One file per line of the flavour's files.txt, and no placeholder left in any. */
  private static void assertEveryTemplateWritten(Path project, String flavour)
      throws java.io.IOException {
    try (Stream<Path> files = Files.walk(project)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertThat(all).hasSize(NewCommand.fileList(flavour).size());
      for (Path f : all) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("@@");
      }
    }
  }

  /**
   * Every database call in the spring-boot flavour binds its input: no SQL text is built from
   * strings.
   */
  @Test
  void springBoot_sqlIsConstant() throws Exception {
    Path project = dir.resolve("boot");
    assertThat(run("new", project.toString(), "--flavor", "spring-boot")).isEqualTo(Main.OK);
    Pattern call = Pattern.compile("jdbc\\.(\\w+)\\(\\s*(\"[^\"]*\"\\s*[,)])?");
    try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
      int calls = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = call.matcher(Files.readString(f));
        while (m.find()) {
          calls++;
          assertThat(m.group(2))
              .as("%s: jdbc.%s takes one constant SQL string literal", f.getFileName(), m.group(1))
              .isNotNull();
        }
      }
      assertThat(calls).as("the JdbcTemplate calls found").isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void badInput_isAUsageError_withTheReason() {
    assertThat(run("new", dir.resolve("a").toString(), "--flavor", "tomcat")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--flavor must be server or spring-boot, was 'tomcat'");
    assertThat(run("new", dir.resolve("b").toString(), "--group", "com.Example;rm"))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--group must be a Java package name");
    assertThat(run("new", dir.resolve("c").toString(), "--group", "com.class"))
        .isEqualTo(Main.USAGE);
    assertThat(run("new", dir.resolve("d").toString(), "--name", "../../etc"))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--name must be lower case letters and digits");
    assertThat(run("new", dir.resolve("Bad_Name").toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("(from DIR; give --name)");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
