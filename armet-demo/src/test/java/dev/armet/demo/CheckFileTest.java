package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /check-file}: {@code file --mime-type} on an upload kept under a generated name, run with
 * an argument vector. Shell metacharacters in the uploaded file's name change nothing (no marker
 * file appears, the answer is the same), a too-large upload is refused, and a server without the
 * {@code file} program says so.
 */
class CheckFileTest {
  static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    '\r',
    '\n',
    0x1a,
    '\n',
    0,
    0,
    0,
    13,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    6,
    0,
    0,
    0,
    0x1f,
    0x15,
    (byte) 0xc4,
    (byte) 0x89
  };
  @TempDir static Path data;
  static ArmetServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServers.start(data, new RecordingSink());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void upload_isIdentified() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.3.1");
    assertThat(browser.get("/check-file").statusCode()).isEqualTo(200);
    HttpResponse<String> png = browser.upload("/check-file", "picture.png", PNG);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.body()).contains("<code>picture.png</code>: <strong>image/png</strong>");
    HttpResponse<String> text =
        browser.upload("/check-file", "notes.txt", "just words\n".getBytes(StandardCharsets.UTF_8));
    assertThat(text.body()).contains("<strong>text/plain</strong>");
  }

  @Test
  void shellMetacharactersInTheFileName_changeNothing(@TempDir Path markers) throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.3.2");
    browser.get("/check-file");
    Path marker = markers.resolve("pwned");
    List<String> names =
        List.of(
            "a; touch " + marker + ";.png",
            "$(touch " + marker + ").png",
            "`touch " + marker + "`.png",
            "a.png | touch " + marker,
            "a.png && touch " + marker,
            "a.png || touch " + marker,
            "a.png > " + marker,
            "--help",
            "-f /etc/passwd",
            "../../../../etc/passwd",
            "'; touch " + marker + "; echo '",
            "\"; touch " + marker + "; echo \"",
            "a.png%0a touch " + marker);
    for (String name : names) {
      HttpResponse<String> r = browser.upload("/check-file", name, PNG);
      assertThat(r.statusCode()).as(name).isEqualTo(200);
      assertThat(r.body()).as(name).contains("<strong>image/png</strong>");
    }
    assertThat(marker).doesNotExist();
  }

  @Test
  void upload_tooLarge_isRefused413() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.3.3");
    browser.get("/check-file");
    HttpResponse<String> big =
        browser.upload("/check-file", "big.bin", new byte[CheckFileServlet.MAX_BYTES + 1]);
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.body()).contains("The upload is too large: at most 256 KiB.");
  }

  @Test
  void withoutTheFileProgram_thePageSaysSo(@TempDir Path folder) throws Exception {
    try (ArmetServer bare =
        ArmetServer.create(
                ArmetServerConfig.builder()
                    .httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .dataDirectory(folder)
                    .environment(ArmetEnvironment.DEVELOPMENT)
                    .stopAtShutdown(false)
                    .filter(DemoApplication.filter(new RecordingSink()))
                    .servlet(
                        "/check-file",
                        new CheckFileServlet(Files.createTempDirectory(folder, "up"), null))
                    .build())
            .start()) {
      DemoClient browser = new DemoClient(bare, "127.0.3.4");
      HttpResponse<String> page = browser.get("/check-file");
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.body()).contains("The file program is not installed on this server");
      HttpResponse<String> upload = browser.upload("/check-file", "a.png", PNG);
      assertThat(upload.statusCode()).isEqualTo(503);
      assertThat(upload.body()).contains("apt-get install file");
    }
  }
}
