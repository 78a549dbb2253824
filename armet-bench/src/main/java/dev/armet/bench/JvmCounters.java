package dev.armet.bench;

import java.lang.management.ManagementFactory;

/** CPU time and heap allocation of this whole JVM, read before and after a load run. */
record JvmCounters(long cpuNanos, long allocatedBytes) {
  static JvmCounters now() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return new JvmCounters(os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes());
  }

  /** CPU microseconds per request since {@code before}. */
  double cpuMicrosPerRequest(JvmCounters before, double requests) {
    return (cpuNanos - before.cpuNanos) / 1e3 / requests;
  }

  /** Bytes allocated per request since {@code before}. */
  double bytesPerRequest(JvmCounters before, double requests) {
    return (allocatedBytes - before.allocatedBytes) / requests;
  }
}
