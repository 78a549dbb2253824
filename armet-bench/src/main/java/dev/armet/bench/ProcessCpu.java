package dev.armet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time (user + system) of a process and its live descendants, from Linux's {@code
 * /proc/<pid>/stat}: how the harness measures a server that is not this JVM (node, and node's
 * cluster workers). A descendant that already exited no longer counts.
 */
final class ProcessCpu {
  /** {@code utime} and {@code stime} are fields 14 and 15 of the stat line (proc(5)). */
  private static final int UTIME_AFTER_COMM = 11;

  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

  private ProcessCpu() {}

  /** CPU nanoseconds used so far by {@code root} and every live descendant of it. */
  static long nanos(ProcessHandle root) throws IOException {
    long ticks = ticks(root.pid());
    for (ProcessHandle child : root.descendants().toList()) {
      ticks += ticks(child.pid());
    }
    return ticks * NANOS_PER_TICK;
  }

  private static long ticks(long pid) throws IOException {
    try {
      return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (NoSuchFileException e) {
      return 0; // exited between the listing and the read
    }
  }

  /** {@code utime + stime} of one {@code /proc/<pid>/stat} line, in clock ticks. */
  static long ticksOf(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces and ')': count from after
    // the last one.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[UTIME_AFTER_COMM]) + Long.parseLong(f[UTIME_AFTER_COMM + 1]);
  }

  /** {@code getconf CLK_TCK}: the unit of those fields (100 on every usual Linux). */
  private static long clockTicksPerSecond() {
    try {
      String out = LoadDriver.output(java.util.List.of("getconf", "CLK_TCK")).strip();
      return Long.parseLong(out);
    } catch (IOException | InterruptedException | NumberFormatException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return 100;
    }
  }
}
