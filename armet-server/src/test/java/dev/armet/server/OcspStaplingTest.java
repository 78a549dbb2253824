package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCSP stapling against a local Bouncy Castle responder: the first handshake carries the
 * responder's "good" answer, the second the cached one (the responder is asked once). In a child
 * JVM, because SunJSSE reads its stapling switch once per process.
 */
class OcspStaplingTest {
  @TempDir Path dir;

  @Test
  void certificateNamingAResponder_getsItsResponseStapled_andCached() throws Exception {
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElseThrow(),
            "-cp",
            System.getProperty("java.class.path"),
            OcspStaplingMain.class.getName(),
            dir.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().keySet().removeIf(k -> k.startsWith("ARMET_"));
    Process child = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine(); // bounded by the child's exit
      while (line != null && !line.startsWith("STAPLED ")) {
        line = out.readLine();
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(line).as("the child's report").isEqualTo("STAPLED 1 1 good 1");
    } finally {
      child.destroyForcibly();
    }
  }
}
