package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet serve} as a real process, configured as docs/CONFIGURATION.md shows. */
class ServeCommandProcessTest {
  private static final Pattern SERVING =
      Pattern.compile("Armet serving in \\w+ mode: https://localhost:(\\d+)/");

  @TempDir Path dir;

  @Test
  void serve_withStaticDir_servesItsFilesAtTheRoot() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("hello.txt"), "hello from the static dir\n");
    Path data = dir.resolve("data");
    Path config =
        Files.writeString(
            dir.resolve("armet.properties"),
            String.join(
                "\n",
                "env = development",
                "server.https-port = 0",
                "server.http-port = 0",
                "server.bind-address = 127.0.0.1",
                "server.data-dir = " + data,
                "server.static-dir = " + site,
                ""));
    try (ArmetProcess serve =
        ArmetProcess.start(
            Map.of(), dir.resolve("stderr.txt"), "serve", "--config", config.toString())) {
      int port = Integer.parseInt(serve.awaitMatch(SERVING).group(1));
      HttpResponse<String> file =
          ArmetProcess.trustingDevelopmentCertificate(data)
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/hello.txt"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(file.statusCode()).as(Files.readString(dir.resolve("stderr.txt"))).isEqualTo(200);
      assertThat(file.body()).isEqualTo("hello from the static dir\n");
      assertThat(file.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }
  }
}
