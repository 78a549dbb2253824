package dev.armet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MDN HTTP Observatory's own CLI (npm {@code @mdn/mdn-http-observatory} {@value #VERSION}),
 * installed once under target/observatory, run on the fixtures as the oracle for Armet's
 * Observatory-compatible score (one Node process calls the scan function its CLI calls, for all
 * fixtures: Node and jsdom start once).
 *
 * <p>Installed with {@code --ignore-scripts}: its postinstall downloads Chromium's HSTS preload
 * list and the TLD list from the internet, which tests never reach. An empty preload list is
 * written instead (no loopback fixture is preloaded). The CLI scans {@code host[:port]} over both
 * http and https on that one port, so a TLS fixture is scanned as https (its http attempt fails, as
 * Armet's does) and a plain fixture as http. Node trusts the test CA via NODE_EXTRA_CA_CERTS.
 */
final class ObservatoryOracle {
  static final String VERSION = "1.4.8";
  private static final Path HOME = Path.of("target", "observatory").toAbsolutePath();
  private static final Path PACKAGE = HOME.resolve("node_modules/@mdn/mdn-http-observatory");

  /** The Observatory's verdict on one site. */
  record Verdict(String grade, int score, Map<String, String> results) {}

  private ObservatoryOracle() {}

  static synchronized void install() throws Exception {
    if (Files.isRegularFile(PACKAGE.resolve("src/scan.js"))) {
      return;
    }
    Files.createDirectories(HOME);
    run(
        List.of(
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefix",
            HOME.toString(),
            "@mdn/mdn-http-observatory@" + VERSION),
        Map.of(),
        300);
    Files.writeString(PACKAGE.resolve("conf/hsts-preload.json"), "{}");
  }

  /**
   * Scans every {@code host:port} with the Observatory's own {@code scan()} (its CLI's function),
   * in one Node process; a site it could not scan maps to a verdict whose grade says why.
   */
  static Map<String, Verdict> scanAll(List<String> hostPorts, Path caPem) throws Exception {
    install();
    Files.writeString(PACKAGE.resolve("conf/hsts-preload.json"), "{}");
    Path runner = HOME.resolve("observatory-scan-all.mjs");
    try (var in = ObservatoryOracle.class.getResourceAsStream("observatory-scan-all.mjs")) {
      Files.write(runner, in.readAllBytes());
    }
    List<String> command =
        new java.util.ArrayList<>(List.of("node", runner.toString(), PACKAGE.toString()));
    command.addAll(hostPorts);
    JsonNode json =
        new ObjectMapper()
            .readTree(run(command, Map.of("NODE_EXTRA_CA_CERTS", caPem.toString()), 300));
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    json.fields()
        .forEachRemaining(
            site -> {
              JsonNode v = site.getValue();
              if (v.has("error")) {
                verdicts.put(
                    site.getKey(), new Verdict("error: " + v.get("error").asText(), -1, Map.of()));
                return;
              }
              Map<String, String> results = new LinkedHashMap<>();
              v.get("results")
                  .fields()
                  .forEachRemaining(e -> results.put(e.getKey(), e.getValue().asText()));
              verdicts.put(
                  site.getKey(),
                  new Verdict(v.get("grade").asText(), v.get("score").asInt(), results));
            });
    return verdicts;
  }

  private static String run(List<String> command, Map<String, String> env, int seconds)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    pb.environment().putAll(env);
    Path err = Files.createTempFile("observatory", ".err");
    pb.redirectError(err.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "'"
              + command.get(0)
              + "' is missing: install Node.js and npm "
              + "(apt-get install nodejs npm; .ci/run does it)",
          e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " took longer than " + seconds + " s");
    }
    if (p.exitValue() != 0 && !command.get(0).equals("node")) {
      throw new IllegalStateException(command + " failed: " + Files.readString(err));
    }
    Files.deleteIfExists(err);
    return new String(out, StandardCharsets.UTF_8);
  }
}
