package dev.armet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a server process's CPU from /proc/PID/stat, as the express targets are measured. */
class ProcessCpuTest {
  @Test
  void ticksOf_addsUserAndSystemTime() {
    String stat =
        "4242 (node) S 4200 4242 4200 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 11 0 99 1 2 3\n";

    assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void ticksOf_whenTheCommandNameHoldsSpacesAndParentheses_countsFieldsAfterIt() {
    String stat = "7 (a b) c) R 1 7 7 0 -1 0 0 0 0 0 10 20 30 40 20 0 1 0 5 1 2 3\n";

    assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(30);
  }

  @Test
  void ticksOf_readsThisProcess() throws Exception {
    String stat =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "stat"));

    assertThat(ProcessCpu.ticksOf(stat)).isNotNegative();
  }
}
