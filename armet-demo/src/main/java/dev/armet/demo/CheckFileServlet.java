package dev.armet.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /check-file}: GET shows the form; POST (multipart, field {@code file}) saves the upload
 * under a name the server generates, in a folder only this process can read, runs {@code file
 * --mime-type --brief -- PATH} with {@link ProcessBuilder}'s argument vector (no shell ever parses
 * it, so the uploaded file's name, which is never used on the server, cannot inject anything),
 * shows the answer and deletes the file. At most {@value #MAX_BYTES} bytes; a larger upload is
 * refused (413) before anything runs. Without the {@code file} program the page says so (503).
 */
final class CheckFileServlet extends HttpServlet {
  static final int MAX_BYTES = 256 * 1024;
  static final String MISSING =
      "The file program is not installed on this server, so files cannot be "
          + "checked. Install it (Debian/Ubuntu: apt-get install file) and try again.";
  private static final List<Path> FILE_PROGRAMS =
      List.of(Path.of("/usr/bin/file"), Path.of("/bin/file"), Path.of("/usr/local/bin/file"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final transient Path folder;
  private final transient Path program;

  /** Checks uploads with the first {@code file} program found, keeping them in {@code folder}. */
  CheckFileServlet(Path folder) {
    this(folder, FILE_PROGRAMS.stream().filter(Files::isExecutable).findFirst().orElse(null));
  }

  /**
   * @param program the {@code file} executable, or null if there is none
   */
  CheckFileServlet(Path folder, Path program) {
    this.folder = folder;
    this.program = program;
  }

  /** A fresh folder for uploads, readable by this user only. */
  static Path uploadFolder() {
    try {
      return Files.createTempDirectory(
          "armet-uploads-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create the upload folder", e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    show(
        request,
        response,
        program == null ? 503 : 200,
        null,
        null,
        program == null ? MISSING : null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Part part;
    try {
      part = request.getPart("file");
    } catch (ServletException | IllegalStateException e) {
      show(
          request,
          response,
          413,
          null,
          null,
          "The upload is too large: at most " + MAX_BYTES / 1024 + " KiB.");
      return;
    }
    if (part == null || part.getSubmittedFileName() == null) {
      show(request, response, 400, null, null, "Choose a file to check.");
      return;
    }
    String name = part.getSubmittedFileName();
    if (part.getSize() > MAX_BYTES) {
      show(
          request,
          response,
          413,
          name,
          null,
          "The upload is too large: at most " + MAX_BYTES / 1024 + " KiB.");
      return;
    }
    if (program == null) {
      show(request, response, 503, name, null, MISSING);
      return;
    }
    String result = check(part);
    Auth.accepted(request);
    show(request, response, 200, name, result, null);
  }

  /** Saves the upload under a generated name, runs {@code file} on it, deletes it. */
  private String check(Part part) throws IOException {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    Path saved = folder.resolve("upload-" + HexFormat.of().formatHex(id));
    try (InputStream in = part.getInputStream()) {
      Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
      // An argument vector: no shell, and "--" ends the options whatever the path looks like.
      Process process =
          new ProcessBuilder(
                  List.of(program.toString(), "--mime-type", "--brief", "--", saved.toString()))
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out;
      try (InputStream stdout = process.getInputStream()) {
        out = stdout.readNBytes(512);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "unknown (the check took too long)";
      }
      String answer = new String(out, StandardCharsets.UTF_8).strip();
      return process.exitValue() == 0 && !answer.isEmpty() ? answer : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking a file", e);
    } finally {
      Files.deleteIfExists(saved);
    }
  }

  private void show(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String fileName,
      String result,
      String message)
      throws IOException {
    Pages.show(
        request,
        response,
        status,
        "check-file.jte",
        "Check a file",
        "fileName",
        fileName,
        "result",
        result,
        "message",
        message,
        "maxBytes",
        MAX_BYTES);
  }
}
