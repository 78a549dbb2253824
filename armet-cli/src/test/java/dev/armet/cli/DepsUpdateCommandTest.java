package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet deps update} against a real HTTP server on a loopback port serving an OSV zip. */
class DepsUpdateCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  @TempDir Path dir;
  HttpServer server;
  byte[] zip;

  @BeforeEach
  void serve() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(DepsCommandTest.DEPS_RESOURCES.resolve("osv"))) {
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    zip = bytes.toByteArray();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/Maven/all.zip",
        ex -> {
          ex.sendResponseHeaders(200, zip.length);
          ex.getResponseBody().write(zip);
          ex.close();
        });
    server.createContext(
        "/junk.zip",
        ex -> {
          byte[] junk = "<html>captive portal</html>".getBytes();
          ex.sendResponseHeaders(200, junk.length);
          ex.getResponseBody().write(junk);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void update_fromLoopbackServer_storesZipAndRecordsWhen() throws IOException {
    Instant before = Instant.now();
    Path to = dir.resolve("osv");
    assertThat(run("deps", "update", "--url", url("/Maven/all.zip"), "--to", to.toString()))
        .isZero();
    assertThat(Files.readAllBytes(to.resolve("all.zip"))).isEqualTo(zip);
    Properties stamp = new Properties();
    try (var r = Files.newBufferedReader(to.resolve("armet-osv.properties"))) {
      stamp.load(r);
    }
    assertThat(Instant.parse(stamp.getProperty("retrieved")))
        .isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(stamp.getProperty("source")).isEqualTo(url("/Maven/all.zip"));
    assertThat(stamp.getProperty("records")).isEqualTo("3");
    assertThat(err.toString()).contains("3 Maven advisories");
    assertThat(out.toString()).isEmpty();
    // and the audit reads it from there
    assertThat(run("deps", "--sbom", DepsCommandTest.SBOM.toString(), "--osv", to.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("0 days old, 3 records");
  }

  @Test
  void update_notFoundOrNotOsv_keepsThePreviousCopy() throws IOException {
    Path to = dir.resolve("osv");
    assertThat(run("deps", "update", "--url", url("/Maven/all.zip"), "--to", to.toString()))
        .isZero();
    byte[] previous = Files.readAllBytes(to.resolve("all.zip"));
    assertThat(run("deps", "update", "--url", url("/missing.zip"), "--to", to.toString()))
        .isEqualTo(3);
    assertThat(err.toString()).contains("answered HTTP 404", "previous copy is kept");
    assertThat(run("deps", "update", "--url", url("/junk.zip"), "--to", to.toString()))
        .isEqualTo(3);
    assertThat(err.toString()).contains("holds no Maven OSV record");
    assertThat(Files.readAllBytes(to.resolve("all.zip"))).isEqualTo(previous);
    try (Stream<Path> left = Files.list(to)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("all.zip", "armet-osv.properties");
    }
  }

  @Test
  void update_fromLocalFile_isAMirror() throws IOException {
    Path mirror = Files.write(dir.resolve("mirror.zip"), zip);
    assertThat(
            run(
                "deps",
                "update",
                "--url",
                mirror.toString(),
                "--to",
                dir.resolve("osv").toString()))
        .isZero();
    assertThat(
            run(
                "deps",
                "update",
                "--url",
                mirror.toUri().toString(),
                "--to",
                dir.resolve("osv2").toString()))
        .isZero();
  }
}
