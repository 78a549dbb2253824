package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Secrets;
import dev.armet.redis.RedisStores;
import dev.armet.server.ArmetServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a secrets failure is reported as a secrets problem; any other refusal says what it is. */
class ServerOptionsTest {
  @TempDir Path dir;
  final StringWriter err = new StringWriter();

  ServerOptions production() throws Exception {
    ServerOptions options = new ServerOptions();
    options.config =
        Files.writeString(
            dir.resolve("armet.properties"),
            "env = production\nserver.https-port = 0\nserver.http-port = 0\nserver.data-dir = "
                + dir.resolve("data")
                + "\n");
    options.openStores = folder -> new MemoryStores();
    return options;
  }

  @Test
  void create_productionRefusesTheSessionStore_isAStoresFindingNotLabelledSecrets()
      throws Exception {
    ServerOptions options = production();
    options.variables = Map.of(Secrets.VARIABLE, Secrets.generate());
    Optional<ArmetServer> server = options.create(new PrintWriter(err, true));
    assertThat(server).isPresent();
    // The production gate recorded the refusal; the self-check (doctor, serve) reports it.
    assertThat(server.get().selfCheck().errors())
        .filteredOn(f -> f.message().contains("sessions.store"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.topic()).isEqualTo("stores");
              assertThat(f.message()).contains("MemorySessionStore").doesNotContain("secret");
              assertThat(f.fix()).contains("RedisSessionStore");
            });
    assertThat(server.get().selfCheck().errors()).noneMatch(f -> f.topic().equals("secrets"));
    // (Missing secrets stay a "secrets" finding: DoctorCommandTest.doctor_inProduction_….)
  }

  @Test
  void create_withAcmeOnASharedStore_keepsTheCertificateThere_sealedWhenSecretsAreSet()
      throws Exception {
    ServerOptions options = new ServerOptions();
    options.config =
        Files.writeString(
            dir.resolve("acme.properties"),
            "env = development\n"
                + "server.https-port = 0\nserver.http-port = 0\nserver.data-dir = "
                + dir.resolve("data")
                + "\n"
                + "tls.acme.domains = example.com\ntls.acme.accept-terms = true\n");
    options.openStores =
        folder ->
            RedisStores.open(
                "redis://127.0.0.1:6379/0",
                b -> b.keyPrefix("armet-test:" + java.util.UUID.randomUUID() + ":"));

    options.variables = Map.of(Secrets.VARIABLE, Secrets.generate());
    ArmetServer sealed = options.create(new PrintWriter(err, true)).orElseThrow();
    assertThat(sealed.config().tls().acme().orElseThrow().sharedStore()).isPresent();
    assertThat(sealed.selfCheck().findings())
        .anySatisfy(
            f ->
                assertThat(f.message())
                    .contains("kept in the shared store")
                    .contains("sealed with ARMET_SECRETS"));
    closeAll(sealed);

    options.variables = Map.of();
    ArmetServer plain = options.create(new PrintWriter(err, true)).orElseThrow();
    assertThat(plain.selfCheck().findings())
        .anySatisfy(f -> assertThat(f.message()).contains("kept unencrypted in the shared store"));
    closeAll(plain);
  }

  private static void closeAll(ArmetServer server) throws Exception {
    for (AutoCloseable c : server.config().closeOnStop()) {
      c.close();
    }
  }
}
