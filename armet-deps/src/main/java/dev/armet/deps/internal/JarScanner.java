package dev.armet.deps.internal;

import dev.armet.deps.Dependency;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What jars actually ship: every {@code META-INF/maven/<g>/<a>/pom.properties} in a jar, in the
 * jars nested in it (a Spring Boot fat jar's {@code BOOT-INF/lib}, a war's {@code WEB-INF/lib})
 * and the poms a shaded jar embeds. A jar without pom.properties is not guessed at: it is listed
 * in {@link Result#unidentified()}.
 */
public final class JarScanner {
  private static final int MAX_DEPTH = 3;
  private static final int MAX_PROPERTIES_BYTES = 64 * 1024;

  private JarScanner() {}

  /** Dependencies found, plus archives that carry no Maven metadata. */
  public record Result(List<Dependency> dependencies, List<String> unidentified,
      Map<String, byte[]> applicationClasses) {}

  /** Scans one archive, or every {@code .jar}/{@code .war}/{@code .ear} under a folder. */
  public static Result scan(Path fileOrDir) throws IOException {
    List<Path> archives;
    if (Files.isDirectory(fileOrDir)) {
      try (Stream<Path> walk = Files.walk(fileOrDir)) {
        archives = walk.filter(Files::isRegularFile).filter(JarScanner::isArchive).sorted().toList();
      }
    } else if (Files.isRegularFile(fileOrDir)) {
      archives = List.of(fileOrDir);
    } else {
      throw new java.nio.file.NoSuchFileException(fileOrDir.toString(), null, "no jar or folder here");
    }
    List<Dependency> deps = new ArrayList<>();
    List<String> unidentified = new ArrayList<>();
    Map<String, byte[]> appClasses = new LinkedHashMap<>();
    for (Path a : archives) {
      String name = Files.isDirectory(fileOrDir) ? fileOrDir.relativize(a).toString() : a.getFileName().toString();
      try (InputStream in = Files.newInputStream(a)) {
        scanArchive(in, name, name, 0, deps, unidentified, appClasses);
      } catch (IOException e) {
        throw new IOException(a + ": not a readable jar (" + e.getMessage() + ")", e);
      }
    }
    return new Result(deps, unidentified, appClasses);
  }

  private static boolean isArchive(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".jar") || n.endsWith(".war") || n.endsWith(".ear");
  }

  private static void scanArchive(InputStream in, String root, String name, int depth, List<Dependency> deps,
      List<String> unidentified, Map<String, byte[]> appClasses) throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    boolean found = false;
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String entry = e.getName();
      if (entry.startsWith("META-INF/maven/") && entry.endsWith("/pom.properties")) {
        byte[] bytes = zip.readNBytes(MAX_PROPERTIES_BYTES);
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g != null && a != null && v != null) {
          deps.add(new Dependency(g.trim(), a.trim(), v.trim(), "", List.of(root, g.trim() + ":" + a.trim() + ":" + v.trim())));
          found = true;
        }
      } else if (depth < MAX_DEPTH && isArchive(Path.of(entry.isEmpty() ? "x" : entry.replace('\\', '/').replaceAll("^.*/", "")))
          && !e.isDirectory()) {
        // Nested archives (BOOT-INF/lib, WEB-INF/lib, lib/): read in place, never extracted to disk.
        scanArchive(new NonClosing(zip), root, name + "!" + entry, depth + 1, deps, unidentified, appClasses);
      } else if (depth == 0 && entry.endsWith(".class") && (entry.startsWith("BOOT-INF/classes/")
          || entry.startsWith("WEB-INF/classes/"))) {
        appClasses.put(name + "!" + entry, zip.readAllBytes());
      }
    }
    if (!found) {
      unidentified.add(name);
    }
  }

  /** Lets a nested archive be read without closing the outer stream. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
