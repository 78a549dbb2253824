package dev.armet.cli.regex;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the regexes of an application and its dependencies: walks a folder (a project, a {@code
 * lib/} folder, an exploded war), reads {@code .java} sources, {@code .class} files and archives
 * ({@code .jar}, {@code .war}, {@code .ear}, {@code .zip}) including archives nested in them
 * (Spring Boot {@code BOOT-INF/lib}, {@code WEB-INF/lib}), to a nesting depth of {@value
 * #MAX_NESTING}. An unreadable entry is reported on standard error and skipped.
 */
public final class RegexScanner {
  static final int MAX_NESTING = 4;

  /** An entry larger than this is skipped (a class file is far smaller). */
  static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;

  private RegexScanner() {}

  public static List<FoundRegex> scan(Path path, PrintWriter err) throws IOException {
    List<FoundRegex> out = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          scanFile(file, err, out);
        }
      }
    } else if (Files.isRegularFile(path)) {
      scanFile(path, err, out);
    } else {
      throw new IllegalArgumentException("--scan: no such file or folder: " + path);
    }
    return out;
  }

  private static void scanFile(Path file, PrintWriter err, List<FoundRegex> out)
      throws IOException {
    String name = file.toString();
    if (isArchive(name)) {
      try (InputStream in = Files.newInputStream(file)) {
        archive(new ZipInputStream(in), name, 1, err, out);
      }
    } else {
      entry(name, Files.readAllBytes(file), err, out);
    }
  }

  private static void archive(
      ZipInputStream zip, String name, int depth, PrintWriter err, List<FoundRegex> out)
      throws IOException {
    ZipEntry e;
    while ((e = zip.getNextEntry()) != null) {
      if (e.isDirectory()) {
        continue;
      }
      String inner = name + "!/" + e.getName();
      if (isArchive(e.getName())) {
        if (depth < MAX_NESTING) {
          archive(new ZipInputStream(new NonClosing(zip)), inner, depth + 1, err, out);
        }
      } else if (e.getName().endsWith(".class") || e.getName().endsWith(".java")) {
        byte[] bytes = zip.readNBytes(MAX_ENTRY_BYTES + 1);
        if (bytes.length > MAX_ENTRY_BYTES) {
          err.println(
              "armet regex: skipped " + inner + ": larger than " + MAX_ENTRY_BYTES + " bytes");
          continue;
        }
        entry(inner, bytes, err, out);
      }
    }
  }

  private static void entry(String name, byte[] bytes, PrintWriter err, List<FoundRegex> out) {
    try {
      if (name.endsWith(".class")) {
        ClassFileScanner.scan(bytes, name, out);
      } else if (name.endsWith(".java")) {
        SourceScanner.scan(new String(bytes, StandardCharsets.UTF_8), name, out);
      }
    } catch (IOException | RuntimeException ex) {
      err.println("armet regex: skipped " + name + ": " + ex.getMessage());
    }
  }

  private static boolean isArchive(String name) {
    return name.endsWith(".jar")
        || name.endsWith(".war")
        || name.endsWith(".ear")
        || name.endsWith(".zip");
  }

  /** Lets a nested ZipInputStream read one entry without closing the outer archive. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the outer archive stays open
    }
  }
}
