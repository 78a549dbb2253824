package dev.armet.deps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Not a test: {@code java -cp … dev.armet.deps.DepsMatchBenchmark [records] [dependencies]}. Writes
 * a synthetic OSV all.zip (default 6,000 records over 2,000 packages, 1-3 affected entries each,
 * GHSA-shaped), loads it, and matches a synthetic 300-dependency inventory (a third of it on
 * advised packages) against it; prints load time, the first match and the median of 20.
 */
public final class DepsMatchBenchmark {
  private DepsMatchBenchmark() {}

  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
    int deps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Random random = new Random(42);
    Path zip = Files.createTempFile("osv-bench", ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < records; i++) {
        out.putNextEntry(new ZipEntry("GHSA-bench-" + i + ".json"));
        write(out, record(i, random));
        out.closeEntry();
      }
    }
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    OsvDatabase db = OsvDatabase.load(zip);
    long loaded = System.nanoTime() - t0;
    long loadedCpu = cpuNanos() - c0;
    List<Dependency> inventory = new ArrayList<>();
    for (int i = 0; i < deps; i++) {
      int pkg = i % 3 == 0 ? random.nextInt(2000) : 5000 + i;
      String v = random.nextInt(6) + "." + random.nextInt(20) + "." + random.nextInt(10);
      inventory.add(
          new Dependency(
              "org.bench" + pkg % 50,
              "artifact-" + pkg,
              v,
              "compile",
              List.of(
                  "com.example:app:1.0",
                  "org.bench:starter:1.0",
                  "org.bench" + pkg % 50 + ":artifact-" + pkg + ":" + v)));
    }
    Inventory inv = new Inventory("bench", inventory);
    long c1 = cpuNanos();
    long t1 = System.nanoTime();
    AuditReport first = Audit.run(inv, db, List.of(), Clock.systemUTC());
    long firstRun = System.nanoTime() - t1;
    long firstCpu = cpuNanos() - c1;
    long[] runs = new long[20];
    long[] cpus = new long[20];
    for (int i = 0; i < runs.length; i++) {
      long c = cpuNanos();
      long s = System.nanoTime();
      Audit.run(inv, db, List.of(), Clock.systemUTC());
      runs[i] = System.nanoTime() - s;
      cpus[i] = cpuNanos() - c;
    }
    java.util.Arrays.sort(cpus);
    java.util.Arrays.sort(runs);
    System.out.printf(
        "records=%d (read %d) dependencies=%d findings=%d%n",
        records, db.size(), deps, first.findings().size());
    System.out.printf(
        "load all.zip: %d ms wall, %d ms process CPU; first match: %d ms wall, %d ms process CPU;"
            + " median match: %.1f ms wall, %.1f ms CPU (wall min %.1f, max %.1f)%n",
        loaded / 1_000_000,
        loadedCpu / 1_000_000,
        firstRun / 1_000_000,
        firstCpu / 1_000_000,
        runs[runs.length / 2] / 1e6,
        cpus[cpus.length / 2] / 1e6,
        runs[0] / 1e6,
        runs[runs.length - 1] / 1e6);
    Files.delete(zip);
  }

  /** The whole process's CPU time (JIT and GC threads included), from java.base. */
  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  private static String record(int i, Random r) {
    StringBuilder affected = new StringBuilder();
    int entries = 1 + r.nextInt(3);
    int pkg = r.nextInt(2000);
    for (int e = 0; e < entries; e++) {
      int major = r.nextInt(6);
      String introduced = e == 0 && r.nextBoolean() ? "0" : major + "." + r.nextInt(10);
      String fixed =
          major
              + "."
              + (10 + r.nextInt(10))
              + "."
              + r.nextInt(5)
              + (r.nextInt(5) == 0 ? ".RELEASE" : "");
      affected
          .append(e == 0 ? "" : ",")
          .append("{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.bench")
          .append(pkg % 50)
          .append(":artifact-")
          .append(pkg)
          .append("\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[")
          .append("{\"introduced\":\"")
          .append(introduced)
          .append("\"},{\"fixed\":\"")
          .append(fixed)
          .append("\"}]}]}");
    }
    return "{\"schema_version\":\"1.4.0\",\"id\":\"GHSA-bench-"
        + i
        + "\",\"aliases\":[\"CVE-2099-"
        + i
        + "\"],"
        + "\"summary\":\"Synthetic advisory "
        + i
        + "\",\"details\":\""
        + "x".repeat(800)
        + "\","
        + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\"}],"
        + "\"affected\":["
        + affected
        + "],\"database_specific\":{\"severity\":\"HIGH\"}}";
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
