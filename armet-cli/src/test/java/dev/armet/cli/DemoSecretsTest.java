package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development key ring file is owner-only from the moment it exists. */
class DemoSecretsTest {
  @TempDir Path dir;

  @Test
  void keyring_inDevelopment_createsTheSecretFileOwnerOnly() throws Exception {
    DemoSecrets.keyring(ArmetEnvironment.DEVELOPMENT, dir);
    Path file = dir.resolve(DemoSecrets.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("never use in production");
  }

  /**
   * The file is created 0600, not created with the umask's mode and narrowed afterwards: a process
   * that may not write a single byte (ulimit -f 0) is stopped between creating the file and writing
   * it, and what it leaves behind must already be owner-only.
   */
  @Test
  void keyring_interruptedBeforeWriting_leavesNoFileOthersCanRead() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String command =
        "umask 022; ulimit -f 0; exec \"$0\" -XX:-UsePerfData -Xshare:off -cp \"$1\" "
            + DemoSecretsMain.class.getName()
            + " \"$2\"";
    Process p =
        new ProcessBuilder(
                List.of(
                    "sh",
                    "-c",
                    command,
                    java,
                    System.getProperty("java.class.path"),
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path file = dir.resolve(DemoSecrets.FILE);
    assertThat(file).exists(); // created, then the write failed
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
