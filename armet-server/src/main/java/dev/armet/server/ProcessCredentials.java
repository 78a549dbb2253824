package dev.armet.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads the process's credentials from {@code /proc} (Linux): who each thread runs as, and the
 * umask. {@code /proc/self/task/<tid>/status} is the per-thread truth the kernel uses, which is why
 * the privilege drop is verified there and not through the JVM's view of {@code user.name}.
 */
final class ProcessCredentials {
  private static final Path SELF = Path.of("/proc/self/status");
  private static final Path TASKS = Path.of("/proc/self/task");

  private ProcessCredentials() {}

  /** The effective user id, or empty when {@code /proc} is not available. */
  static OptionalInt effectiveUid() {
    try {
      return OptionalInt.of(ids(Files.readAllLines(SELF), "Uid:").get(1));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /** The umask (e.g. {@code 0022}), or empty when the kernel does not report it. */
  static OptionalInt umask() {
    try {
      for (String line : Files.readAllLines(SELF)) {
        if (line.startsWith("Umask:")) {
          return OptionalInt.of(Integer.parseInt(line.substring(6).trim(), 8));
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return OptionalInt.empty();
  }

  /**
   * Checks every thread: real, effective, saved and file-system user and group ids are the target's
   * and no supplementary group is left.
   *
   * @throws IllegalStateException naming the first thread that kept a privilege
   */
  static void verifyAllThreads(int uid, int gid) {
    int checked = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        List<String> status;
        try {
          status = Files.readAllLines(task.resolve("status"));
        } catch (NoSuchFileException exited) {
          continue; // a thread that ended since the listing holds nothing
        }
        List<Integer> uids = ids(status, "Uid:");
        List<Integer> gids = ids(status, "Gid:");
        List<Integer> groups = ids(status, "Groups:");
        if (uids.stream().anyMatch(id -> id != uid)
            || gids.stream().anyMatch(id -> id != gid)
            || groups.stream().anyMatch(id -> id == 0 || id != gid)) {
          throw new IllegalStateException(
              "thread "
                  + task.getFileName()
                  + " ("
                  + value(status, "Name:")
                  + ") kept privileges after the drop: Uid "
                  + uids
                  + ", Gid "
                  + gids
                  + ", Groups "
                  + groups);
        }
        checked++;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot verify the privilege drop: " + e.getMessage(), e);
    }
    if (checked == 0) {
      throw new IllegalStateException("cannot verify the privilege drop: no thread in " + TASKS);
    }
  }

  static List<Integer> ids(List<String> status, String field) {
    List<Integer> ids = new ArrayList<>();
    String v = value(status, field);
    if (!v.isEmpty()) {
      for (String id : v.split("\\s+")) {
        ids.add(Integer.parseInt(id));
      }
    }
    return ids;
  }

  private static String value(List<String> status, String field) {
    for (String line : status) {
      if (line.startsWith(field)) {
        return line.substring(field.length()).trim();
      }
    }
    return "";
  }
}
