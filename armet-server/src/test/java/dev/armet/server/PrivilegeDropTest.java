package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server started as root in a child process binds a privileged port, switches to {@code
 * nobody}, and not one of its threads keeps a root id, as the kernel reports in {@code
 * /proc/<pid>/task/*}/status}; then it still serves requests.
 */
class PrivilegeDropTest {
  @TempDir Path dir;
  Process child;

  @AfterEach
  void kill() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void asRootWithUserNobody_everyThreadRunsAsNobody_andRequestsAreServed() throws Exception {
    boolean root = ProcessCredentials.effectiveUid().orElse(-1) == 0;
    // CI runs as root, so there the drop is always tested; a developer's non-root run skips it.
    if (!root && System.getenv("CI") != null) {
      throw new AssertionError("the privilege-drop test must run as root in CI");
    }
    Assumptions.assumeTrue(root, "needs root (run the tests as root to test the privilege drop)");
    Path base = Files.createDirectories(dir.resolve("world"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestCertificates.Issued pem = TestCertificates.localhost(base.resolve("pem"));
    int httpPort = freePrivilegedPort();
    Path config =
        Files.writeString(
            base.resolve("armet.properties"),
            String.join(
                "\n",
                "env = production",
                "server.https-port = 0",
                "server.http-port = " + httpPort,
                "server.bind-address = 127.0.0.1",
                "server.user = nobody",
                "server.data-dir = " + base.resolve("data"),
                "tls.certificate = " + pem.fullchain(),
                "tls.private-key = " + pem.privateKey(),
                ""));
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                readableClassPath(base.resolve("cp")),
                PrivilegeDropMain.class.getName(),
                config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().keySet().removeIf(k -> k.startsWith("ARMET_"));
    child = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String ready =
        out.readLine(); // blocks until the child has started or failed; bounded by its exit
    while (ready != null && !ready.startsWith("READY ") && !ready.startsWith("FAILED ")) {
      ready = out.readLine(); // log lines
    }
    assertThat(ready).as("child output").startsWith("READY ");
    int httpsPort = Integer.parseInt(ready.split(" ")[1]);
    assertThat(Integer.parseInt(ready.split(" ")[2])).isEqualTo(httpPort);

    List<Path> tasks;
    try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(child.pid()), "task"))) {
      tasks = s.toList();
    }
    assertThat(tasks).hasSizeGreaterThan(5);
    for (Path task : tasks) {
      List<String> status = Files.readAllLines(task.resolve("status"));
      assertThat(ProcessCredentials.ids(status, "Uid:")).as("Uid of %s", task).containsOnly(65534);
      assertThat(ProcessCredentials.ids(status, "Gid:")).as("Gid of %s", task).containsOnly(65534);
      assertThat(ProcessCredentials.ids(status, "Groups:"))
          .as("Groups of %s", task)
          .doesNotContain(0);
    }

    HttpResponse<String> ok =
        TestTls.client(pem.leaf())
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/app/ok"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("ok");

    assertThat(child.toHandle().destroy()).isTrue(); // SIGTERM: graceful stop
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(143);
  }

  @Test
  void unknownUser_stopsStartUp_beforeBinding() {
    ArmetServer server =
        ArmetServer.create(
            c ->
                c.httpsPort(0)
                    .httpPort(0)
                    .bindAddress("127.0.0.1")
                    .environment(ArmetEnvironment.DEVELOPMENT)
                    .dataDirectory(dir)
                    .stopAtShutdown(false)
                    .user("no-such-user-armet"));
    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.user: no such user 'no-such-user-armet'");
  }

  @Test
  void userName_thatIsNotOne_isRefusedByTheBuilder() {
    assertThatThrownBy(() -> ArmetServerConfig.builder().user("root; rm").build())
        .hasMessageContaining("server.user must be a user name");
    assertThatThrownBy(() -> ArmetServerConfig.builder().group("wheel").build())
        .hasMessageContaining("server.group needs server.user");
  }

  /** Copies the class path where {@code nobody} can read it (the Maven repository is root's). */
  private static String readableClassPath(Path target) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = target.resolve(n++ + "-" + source.getFileName());
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path to = copy.resolve(source.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
          }
        }
      }
      entries.add(copy.toString());
    }
    try (Stream<Path> all = Files.walk(target)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** A port below 1024 that nothing listens on now (only root may bind it). */
  private static int freePrivilegedPort() throws IOException {
    for (int port = 900; port < 1000; port++) {
      try (ServerSocket probe =
          new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException inUse) {
        // try the next
      }
    }
    throw new IOException("no free port between 900 and 999");
  }
}
