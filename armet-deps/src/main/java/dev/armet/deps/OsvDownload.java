package dev.armet.deps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code armet deps update}: fetches OSV's Maven export ({@value #DEFAULT_URL}, or a mirror: any
 * http(s) or file URL, or a local path), checks that it reads as OSV, then replaces {@code
 * DIR/all.zip} atomically and records when and from where in {@code DIR/}{@value
 * OsvDatabase#STAMP_FILE}. A failed or unreadable download leaves the previous copy in place.
 */
public final class OsvDownload {
  public static final String DEFAULT_URL =
      "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip";

  /** Refuses anything bigger: the Maven export is tens of megabytes. */
  public static final long MAX_BYTES = 2L * 1024 * 1024 * 1024;

  static final String FILE_NAME = "all.zip";

  private OsvDownload() {}

  /** The result: the database as read back, and where it lives. */
  public record Result(Path zip, OsvDatabase database) {}

  public static Result fetch(String source, Path dir, Clock clock) throws IOException {
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, "all.zip.", ".part");
    try {
      copy(source, part);
      OsvDatabase check = OsvDatabase.load(part);
      if (check.size() == 0) {
        throw new IOException(
            source
                + " holds no Maven OSV record"
                + (check.problems().isEmpty() ? "" : " (" + check.problems().get(0) + ")")
                + "; the previous copy is kept");
      }
      Path zip = dir.resolve(FILE_NAME);
      Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      String stamp =
          "# written by armet deps update\nretrieved="
              + clock.instant()
              + "\nsource="
              + source.replace("\\", "\\\\")
              + "\nrecords="
              + check.size()
              + "\n";
      Path stampPart = Files.createTempFile(dir, OsvDatabase.STAMP_FILE, ".part");
      Files.writeString(stampPart, stamp);
      Files.move(
          stampPart,
          dir.resolve(OsvDatabase.STAMP_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return new Result(zip, OsvDatabase.load(dir));
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static void copy(String source, Path target) throws IOException {
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(10)).GET().build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while downloading " + source, e);
      }
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException(
              source + " answered HTTP " + response.statusCode() + "; the previous copy is kept");
        }
        bounded(in, target, source);
      }
    } else {
      Path file = lower.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
      try (InputStream in = Files.newInputStream(file)) {
        bounded(in, target, source);
      }
    }
  }

  private static void bounded(InputStream in, Path target, String source) throws IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > MAX_BYTES) {
          throw new IOException(source + " is larger than " + MAX_BYTES + " bytes; refused");
        }
        out.write(buf, 0, n);
      }
    }
  }
}
