package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvDatabaseTest {
  static final Path REAL = Path.of("src/test/resources/osv");
  static final Path VARIANTS = Path.of("src/test/resources/osv-variants");

  @Test
  void load_realRecords_indexesEveryAffectedPackage() throws IOException {
    OsvDatabase db = OsvDatabase.load(REAL);
    assertThat(db.size()).isEqualTo(3);
    assertThat(db.problems()).isEmpty();
    assertThat(db.advisoriesFor("org.apache.logging.log4j:log4j-core"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.aliases()).containsExactly("CVE-2021-44228");
              assertThat(a.affected()).hasSize(3);
              assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(a.cvssScore()).contains(10.0);
            });
    assertThat(db.advisoriesFor("org.springframework:spring-webmvc")).hasSize(1);
    assertThat(db.advisoriesFor("org.example:none")).isEmpty();
  }

  @Test
  void load_corruptRecord_namesTheFileAndKeepsTheOthers(@TempDir Path dir) throws IOException {
    copy(REAL, dir);
    Files.copy(VARIANTS.resolve("corrupt.json"), dir.resolve("corrupt.json"));
    OsvDatabase db = OsvDatabase.load(dir);
    assertThat(db.size()).isEqualTo(3);
    assertThat(db.problems())
        .singleElement()
        .asString()
        .contains(dir.resolve("corrupt.json").toString())
        .contains("not a valid OSV record");
  }

  @Test
  void load_withdrawnRecord_isSkipped() throws IOException {
    OsvDatabase db = OsvDatabase.load(VARIANTS);
    assertThat(db.advisoriesFor("com.fasterxml.jackson.core:jackson-databind"))
        .extracting(Advisory::id)
        .containsExactly("ARMET-TEST-LAST-AFFECTED");
  }

  @Test
  void load_cvss4Only_fallsBackToDatabaseSeverity() throws IOException {
    Advisory a =
        OsvDatabase.load(VARIANTS)
            .advisoriesFor("com.fasterxml.jackson.core:jackson-databind")
            .get(0);
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.cvssScore()).isEmpty();
  }

  @Test
  void load_allZip_readsEntriesAndNamesBadOnes(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.list(REAL)) {
      for (Path f : files.sorted().toList()) {
        put(out, f.getFileName().toString(), Files.readAllBytes(f));
      }
      put(out, "GHSA-bad.json", "{\"id\": 1, ".getBytes());
    }
    OsvDatabase db = OsvDatabase.load(zip);
    assertThat(db.size()).isEqualTo(3);
    assertThat(db.problems()).singleElement().asString().contains("all.zip!GHSA-bad.json");
  }

  @Test
  void load_hugeZipEntry_isRefusedAndTheRestRead(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "GHSA-bomb.json", " ".repeat(OsvDatabase.MAX_RECORD_BYTES + 10).getBytes());
      put(
          out,
          "GHSA-jfh8-c2jp-5v3q.json",
          Files.readAllBytes(REAL.resolve("GHSA-jfh8-c2jp-5v3q.json")));
    }
    OsvDatabase db = OsvDatabase.load(zip);
    assertThat(db.size()).isEqualTo(1);
    assertThat(db.problems()).singleElement().asString().contains("GHSA-bomb.json: larger than");
  }

  @Test
  void load_stampFile_givesRetrievalTime(@TempDir Path dir) throws IOException {
    copy(REAL, dir);
    Files.writeString(
        dir.resolve(OsvDatabase.STAMP_FILE), "retrieved=2026-11-30T08:00:00Z\nsource=test\n");
    assertThat(OsvDatabase.load(dir).retrievedAt())
        .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
  }

  @Test
  void load_missingPath_saysHowToGetData(@TempDir Path dir) {
    assertThatThrownBy(() -> OsvDatabase.load(dir.resolve("nothing")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("armet deps update");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(data);
    out.closeEntry();
  }

  static List<Advisory> real() throws IOException {
    OsvDatabase db = OsvDatabase.load(REAL);
    return Stream.of(
            "org.apache.logging.log4j:log4j-core",
            "org.springframework:spring-beans",
            "com.fasterxml.jackson.core:jackson-databind")
        .flatMap(c -> db.advisoriesFor(c).stream())
        .toList();
  }
}
