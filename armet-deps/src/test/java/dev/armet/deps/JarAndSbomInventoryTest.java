package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarAndSbomInventoryTest {
  static final Path SBOM = Path.of("src/test/resources/sbom");

  static Path fatJar(Path dir, String log4jVersion) throws IOException {
    Map<String, byte[]> shaded = new LinkedHashMap<>();
    shaded.put(
        Jars.propertiesPath("com.example:shaded-client:3.0"),
        Jars.pomProperties("com.example:shaded-client:3.0"));
    shaded.put(
        Jars.propertiesPath("com.fasterxml.jackson.core:jackson-databind:2.12.6"),
        Jars.pomProperties("com.fasterxml.jackson.core:jackson-databind:2.12.6"));
    Map<String, byte[]> fat = new LinkedHashMap<>();
    fat.put(Jars.propertiesPath("com.example:app:1.0"), Jars.pomProperties("com.example:app:1.0"));
    fat.put(
        "BOOT-INF/lib/log4j-core-" + log4jVersion + ".jar",
        Jars.library(
            "org.apache.logging.log4j:log4j-core:" + log4jVersion,
            "org.apache.logging.log4j.core.Logger"));
    fat.put("BOOT-INF/lib/shaded-client-3.0.jar", Jars.zip(shaded));
    fat.put("BOOT-INF/lib/no-metadata.jar", Jars.zip(Map.of("a/B.class", new byte[0])));
    return Jars.write(dir.resolve("app.jar"), Jars.zip(fat));
  }

  static List<String> gavs(Inventory inv) {
    return inv.dependencies().stream().map(Dependency::gav).toList();
  }

  @Test
  void fromJars_springBootFatJar_readsNestedAndShadedPoms(@TempDir Path dir) throws IOException {
    Inventory inv = Inventories.fromJars(fatJar(dir, "2.14.1"));
    assertThat(gavs(inv))
        .containsExactlyInAnyOrder(
            "com.example:app:1.0",
            "org.apache.logging.log4j:log4j-core:2.14.1",
            "com.example:shaded-client:3.0",
            "com.fasterxml.jackson.core:jackson-databind:2.12.6");
    assertThat(inv.dependencies())
        .allSatisfy(d -> assertThat(d.path().get(0)).isEqualTo("app.jar"));
  }

  @Test
  void fromJars_libFolder_readsEveryJar(@TempDir Path dir) throws IOException {
    Jars.write(
        dir.resolve("lib/spring-beans-5.3.17.jar"),
        Jars.library("org.springframework:spring-beans:5.3.17"));
    Jars.write(
        dir.resolve("lib/log4j-core-2.17.1.jar"),
        Jars.library("org.apache.logging.log4j:log4j-core:2.17.1"));
    Files.writeString(dir.resolve("lib/README.txt"), "not a jar");
    assertThat(gavs(Inventories.fromJars(dir.resolve("lib"))))
        .containsExactly(
            "org.apache.logging.log4j:log4j-core:2.17.1",
            "org.springframework:spring-beans:5.3.17");
  }

  @Test
  void fromJars_notAZip_identifiesNothing(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("broken.jar"), "PK? no");
    Inventory inv = Inventories.fromJars(bad);
    assertThat(inv.dependencies()).isEmpty();
  }

  @Test
  void fromSbom_json_pathsFollowTheDependencyGraph() throws IOException {
    Inventory inv = Inventories.fromSbom(SBOM.resolve("app-bom.json"));
    assertThat(gavs(inv))
        .containsExactly(
            "org.springframework.boot:spring-boot-starter-web:2.6.5",
            "org.springframework:spring-webmvc:5.3.17",
            "org.springframework:spring-beans:5.3.17",
            "org.apache.logging.log4j:log4j-core:2.14.1");
    Dependency beans = inv.dependencies().get(2);
    assertThat(beans.path())
        .containsExactly(
            "com.example:app:1.0",
            "org.springframework.boot:spring-boot-starter-web:2.6.5",
            "org.springframework:spring-webmvc:5.3.17",
            "org.springframework:spring-beans:5.3.17");
    assertThat(inv.dependencies().get(3).direct()).isTrue();
  }

  @Test
  void fromSbom_xml_readsTheSameModel() throws IOException {
    Inventory inv = Inventories.fromSbom(SBOM.resolve("app-bom.xml"));
    assertThat(gavs(inv))
        .containsExactly(
            "org.springframework.boot:spring-boot-starter-web:2.6.5",
            "org.springframework:spring-beans:5.3.17");
    assertThat(inv.dependencies().get(1).directDependency())
        .isEqualTo("org.springframework.boot:spring-boot-starter-web:2.6.5");
  }

  @Test
  void fromSbom_xmlWithDoctype_isRefused(@TempDir Path dir) throws IOException {
    Path evil =
        Files.writeString(
            dir.resolve("bom.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><metadata>&x;</metadata></bom>");
    assertThatThrownBy(() -> Inventories.fromSbom(evil))
        .hasMessageContaining("not a CycloneDX SBOM")
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void fromSbom_notCycloneDx_saysSo(@TempDir Path dir) throws IOException {
    Path spdx = Files.writeString(dir.resolve("spdx.json"), "{\"spdxVersion\": \"SPDX-2.3\"}");
    assertThatThrownBy(() -> Inventories.fromSbom(spdx))
        .hasMessageContaining(spdx.toString())
        .hasMessageContaining("bomFormat is not CycloneDX");
  }

  @Test
  void disagreements_pomSaysOneVersionFatJarShipsAnother(@TempDir Path dir) throws IOException {
    Inventory sbom = Inventories.fromSbom(SBOM.resolve("app-bom.json"));
    Inventory jar = Inventories.fromJars(fatJar(dir, "2.17.1"));
    assertThat(Inventory.disagreements(sbom, jar))
        .singleElement()
        .asString()
        .startsWith("org.apache.logging.log4j:log4j-core: 2.14.1 in sbom:")
        .contains("but 2.17.1 in jars:");
  }
}
