package dev.armet.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time and heap allocation of the process serving a target, read before and after a load run:
 * this whole JVM for the Java targets, or a child process's CPU alone for the Node ones, whose
 * allocation is not comparable with the JVM's ({@link #UNKNOWN}).
 */
record ServerCounters(long cpuNanos, long allocatedBytes) {
  /** The allocation of a process that is not this JVM: not measured. */
  static final long UNKNOWN = -1;

  /** This JVM: CPU time of every thread, bytes allocated by every thread. */
  static ServerCounters now() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return new ServerCounters(os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes());
  }

  /** Another process's CPU time; its allocation is {@link #UNKNOWN}. */
  static ServerCounters cpuOnly(long cpuNanos) {
    return new ServerCounters(cpuNanos, UNKNOWN);
  }

  /** CPU microseconds per request since {@code before}. */
  double cpuMicrosPerRequest(ServerCounters before, double requests) {
    return (cpuNanos - before.cpuNanos) / 1e3 / requests;
  }

  /** Bytes allocated per request since {@code before}, or NaN when allocation is not measured. */
  double bytesPerRequest(ServerCounters before, double requests) {
    if (allocatedBytes == UNKNOWN || before.allocatedBytes == UNKNOWN) {
      return Double.NaN;
    }
    return (allocatedBytes - before.allocatedBytes) / requests;
  }
}
