package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PomFixTest {
  static MavenFix bump(String coordinate, String version) {
    return new MavenFix(
        MavenFix.Kind.BUMP_DIRECT, coordinate, Optional.of(version), Optional.empty());
  }

  static MavenFix manage(String coordinate, String version) {
    return new MavenFix(
        MavenFix.Kind.MANAGE_OVERRIDE,
        coordinate,
        Optional.of(version),
        Optional.of("x:starter:1"));
  }

  static final String POM =
      """
      <project>
        <properties><log4j.version>2.14.1</log4j.version></properties>
        <dependencyManagement>
          <dependencies>
            <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>2.6.5</version><type>pom</type><scope>import</scope></dependency>
          </dependencies>
        </dependencyManagement>
        <dependencies>
          <dependency>
            <groupId>org.apache.logging.log4j</groupId>
            <artifactId>log4j-core</artifactId>
            <version>${log4j.version}</version>
          </dependency>
          <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>2.12.6</version></dependency>
        </dependencies>
      </project>
      """;

  @Test
  void apply_directWithProperty_bumpsTheProperty() {
    String out = PomFix.apply(POM, List.of(bump("org.apache.logging.log4j:log4j-core", "2.17.1")));
    assertThat(out)
        .contains("<log4j.version>2.17.1</log4j.version>")
        .contains("<version>${log4j.version}</version>");
  }

  @Test
  void apply_directWithLiteral_bumpsInPlace() {
    String out =
        PomFix.apply(POM, List.of(bump("com.fasterxml.jackson.core:jackson-databind", "2.12.7.1")));
    assertThat(out)
        .contains("<artifactId>jackson-databind</artifactId><version>2.12.7.1</version>")
        .doesNotContain("2.12.6");
  }

  @Test
  void apply_transitivePinnedByBom_overrideGoesBeforeTheImport() {
    String out = PomFix.apply(POM, List.of(manage("org.springframework:spring-beans", "5.3.18")));
    int override = out.indexOf("<artifactId>spring-beans</artifactId><version>5.3.18</version>");
    assertThat(override).isPositive().isLessThan(out.indexOf("spring-boot-dependencies"));
    assertThat(out).contains("<!-- armet deps fix -->");
  }

  @Test
  void apply_existingOverride_isUpdatedNotDuplicated() {
    String once = PomFix.apply(POM, List.of(manage("org.springframework:spring-beans", "5.3.17")));
    String twice =
        PomFix.apply(once, List.of(manage("org.springframework:spring-beans", "5.3.18")));
    assertThat(twice.split("spring-beans", -1)).hasSize(2);
    assertThat(twice).contains("5.3.18").doesNotContain("5.3.17");
  }

  @Test
  void apply_noDependencyManagement_createsIt() {
    String pom =
        "<project>\n  <artifactId>a</artifactId>\n  <dependencies>\n  </dependencies>\n</project>\n";
    String out = PomFix.apply(pom, List.of(manage("g:lib", "1.1")));
    assertThat(out)
        .contains(
            "<dependencyManagement>\n    <dependencies>\n      <!-- armet deps fix -->\n"
                + "      <dependency><groupId>g</groupId><artifactId>lib</artifactId><version>1.1</version></dependency>");
    assertThat(out.indexOf("<dependencyManagement>"))
        .isLessThan(out.indexOf("  <dependencies>\n  </dependencies>"));
    assertThat(PomFix.diff("pom.xml", pom, out))
        .contains("+  <dependencyManagement>", "--- pom.xml");
  }

  @Test
  void apply_directManagedByBomWithoutVersion_fallsBackToOverride() {
    String pom = POM.replace("<version>2.12.6</version>", "");
    String out =
        PomFix.apply(pom, List.of(bump("com.fasterxml.jackson.core:jackson-databind", "2.12.7.1")));
    assertThat(out.indexOf("<artifactId>jackson-databind</artifactId><version>2.12.7.1</version>"))
        .isLessThan(out.indexOf("spring-boot-dependencies"));
  }

  @Test
  void verify_olderVersionStillResolved_isReportedWithItsPath() {
    Inventory after =
        new Inventory(
            "t",
            List.of(
                new Dependency(
                    "g", "lib", "1.0", "compile", List.of("app:1", "g:pin:1", "g:lib:1.0"))));
    assertThat(PomFix.verify(after, List.of(manage("g:lib", "1.1"))))
        .containsExactly(
            "g:lib still resolves to 1.0 (wanted 1.1) via app:1 > g:pin:1 > g:lib:1.0");
    assertThat(PomFix.verify(after, List.of(manage("g:lib", "1.0")))).isEmpty();
  }
}
