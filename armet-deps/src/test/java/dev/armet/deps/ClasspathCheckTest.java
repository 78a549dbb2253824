package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathCheckTest {
  @Test
  void running_thisJvm_findsJacksonAndMavenArtifact() {
    List<String> gavs =
        ClasspathCheck.running().dependencies().stream().map(Dependency::coordinate).toList();
    assertThat(gavs)
        .contains("com.fasterxml.jackson.core:jackson-databind", "org.apache.maven:maven-artifact");
  }

  @Test
  void of_vulnerableJarOnClasspath_isAFinding(@TempDir Path dir) throws IOException {
    Path jar =
        Jars.write(
            dir.resolve("log4j-core.jar"),
            Jars.library("org.apache.logging.log4j:log4j-core:2.14.1"));
    Path classes = Files.createDirectories(dir.resolve("classes/META-INF/maven/com.example/app"));
    Files.write(classes.resolve("pom.properties"), Jars.pomProperties("com.example:app:1.0"));
    Inventory inv =
        ClasspathCheck.of(List.of(jar, dir.resolve("classes"), dir.resolve("missing.jar")));
    assertThat(inv.dependencies())
        .extracting(Dependency::gav)
        .containsExactly("org.apache.logging.log4j:log4j-core:2.14.1", "com.example:app:1.0");
    AuditReport r =
        Audit.run(inv, OsvDatabase.load(OsvDatabaseTest.REAL), List.of(), AuditTest.NOW);
    assertThat(r.failsAt(Severity.CRITICAL)).isTrue();
  }

  @Test
  void of_manifestClassPath_isFollowed(@TempDir Path dir) throws IOException {
    Jars.write(
        dir.resolve("lib/spring-beans-5.3.17.jar"),
        Jars.library("org.springframework:spring-beans:5.3.17"));
    java.util.Map<String, byte[]> app = new java.util.LinkedHashMap<>();
    app.put(
        "META-INF/MANIFEST.MF",
        "Manifest-Version: 1.0\nClass-Path: lib/spring-beans-5.3.17.jar lib/missing.jar\n\n"
            .getBytes());
    Path jar = Jars.write(dir.resolve("app.jar"), Jars.zip(app));
    assertThat(ClasspathCheck.of(List.of(jar)).dependencies())
        .extracting(Dependency::gav)
        .containsExactly("org.springframework:spring-beans:5.3.17");
  }
}
