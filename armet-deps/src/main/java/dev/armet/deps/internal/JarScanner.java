package dev.armet.deps.internal;

import dev.armet.deps.Dependency;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What jars actually ship: every {@code META-INF/maven/<g>/<a>/pom.properties} in a jar, in the
 * jars nested in it (a Spring Boot fat jar's {@code BOOT-INF/lib}, a war's {@code WEB-INF/lib}) and
 * the poms a shaded jar embeds. A jar without pom.properties is not guessed at: it is listed in
 * {@link Result#unidentified()}.
 */
public final class JarScanner {
  private static final int MAX_DEPTH = 3;
  private static final int MAX_PROPERTIES_BYTES = 64 * 1024;

  private JarScanner() {}

  /**
   * Dependencies found, archives that carry no Maven metadata, and (when asked for) each archive's
   * classes and what they reference, plus what the application's own classes (a fat jar's {@code
   * BOOT-INF/classes}, a war's {@code WEB-INF/classes}) reference.
   */
  public record Result(
      List<Dependency> dependencies,
      List<String> unidentified,
      List<ArchiveClasses> archives,
      Set<String> applicationReferences) {}

  /**
   * The classes one archive holds, the classes they name, and the artifacts its pom.properties
   * name.
   */
  public record ArchiveClasses(
      String name, List<String> gavs, Set<String> classes, Set<String> references) {}

  /** Scans one archive, or every {@code .jar}/{@code .war}/{@code .ear} under a folder. */
  public static Result scan(Path fileOrDir) throws IOException {
    return scan(fileOrDir, false);
  }

  /** As {@link #scan(Path)}; with {@code classes}, also reads every class file's constant pool. */
  public static Result scan(Path fileOrDir, boolean classes) throws IOException {
    List<Path> archives;
    if (Files.isDirectory(fileOrDir)) {
      try (Stream<Path> walk = Files.walk(fileOrDir)) {
        archives =
            walk.filter(Files::isRegularFile).filter(JarScanner::isArchive).sorted().toList();
      }
    } else if (Files.isRegularFile(fileOrDir)) {
      archives = List.of(fileOrDir);
    } else {
      throw new java.nio.file.NoSuchFileException(
          fileOrDir.toString(), null, "no jar or folder here");
    }
    List<Dependency> deps = new ArrayList<>();
    List<String> unidentified = new ArrayList<>();
    Set<String> appRefs = new HashSet<>();
    List<ArchiveClasses> classInfo = classes ? new ArrayList<>() : null;
    for (Path a : archives) {
      String name =
          Files.isDirectory(fileOrDir)
              ? fileOrDir.relativize(a).toString()
              : a.getFileName().toString();
      // The outer archive through its central directory: only the entries needed are read.
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(a.toFile())) {
        java.util.Iterator<? extends ZipEntry> it = zip.entries().asIterator();
        scanEntries(
            () -> {
              if (!it.hasNext()) {
                return null;
              }
              ZipEntry e = it.next();
              return new Entry(e, () -> zip.getInputStream(e));
            },
            name,
            name,
            0,
            deps,
            unidentified,
            classInfo,
            appRefs);
      } catch (IOException e) {
        unidentified.add(name + " (not a readable jar: " + e.getMessage() + ")");
      }
    }
    return new Result(deps, unidentified, classInfo == null ? List.of() : classInfo, appRefs);
  }

  private static boolean isArchive(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".jar") || n.endsWith(".war") || n.endsWith(".ear");
  }

  /** One zip entry and how to read it. */
  private record Entry(ZipEntry entry, Opener open) {}

  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  @FunctionalInterface
  private interface Entries {
    Entry next() throws IOException;
  }

  /** A nested archive, read as a stream in place (never extracted to disk). */
  private static void scanArchive(
      InputStream in,
      String root,
      String name,
      int depth,
      List<Dependency> deps,
      List<String> unidentified,
      List<ArchiveClasses> classInfo,
      Set<String> appRefs)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    InputStream current = new NonClosing(zip);
    scanEntries(
        () -> {
          ZipEntry e = zip.getNextEntry();
          return e == null ? null : new Entry(e, () -> current);
        },
        root,
        name,
        depth,
        deps,
        unidentified,
        classInfo,
        appRefs);
  }

  private static void scanEntries(
      Entries entries,
      String root,
      String name,
      int depth,
      List<Dependency> deps,
      List<String> unidentified,
      List<ArchiveClasses> classInfo,
      Set<String> appRefs)
      throws IOException {
    boolean found = false;
    List<String> gavs = new ArrayList<>();
    Set<String> classNames = new HashSet<>();
    Set<String> refs = new HashSet<>();
    for (Entry next = entries.next(); next != null; next = entries.next()) {
      ZipEntry e = next.entry();
      String entry = e.getName();
      if (entry.startsWith("META-INF/maven/") && entry.endsWith("/pom.properties")) {
        byte[] bytes = next.open().open().readNBytes(MAX_PROPERTIES_BYTES);
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g != null && a != null && v != null) {
          String gav = g.trim() + ":" + a.trim() + ":" + v.trim();
          deps.add(new Dependency(g.trim(), a.trim(), v.trim(), "", List.of(root, gav)));
          gavs.add(gav);
          found = true;
        }
      } else if (depth < MAX_DEPTH
          && isArchive(
              Path.of(entry.isEmpty() ? "x" : entry.replace('\\', '/').replaceAll("^.*/", "")))
          && !e.isDirectory()) {
        // Nested archives (BOOT-INF/lib, WEB-INF/lib, lib/): read in place, never extracted to
        // disk.
        scanArchive(
            next.open().open(),
            root,
            name + "!" + entry,
            depth + 1,
            deps,
            unidentified,
            classInfo,
            appRefs);
      } else if (classInfo != null && entry.endsWith(".class")) {
        if (depth == 0
            && (entry.startsWith("BOOT-INF/classes/") || entry.startsWith("WEB-INF/classes/"))) {
          ClassReferences.addTo(next.open().open().readAllBytes(), appRefs);
        } else if (!entry.endsWith("module-info.class")) {
          classNames.add(
              entry.replaceFirst("^META-INF/versions/\\d+/", "").replaceFirst("\\.class$", ""));
          ClassReferences.addTo(next.open().open().readAllBytes(), refs);
        }
      }
    }
    if (classInfo != null && !classNames.isEmpty()) {
      classInfo.add(new ArchiveClasses(name, gavs, classNames, refs));
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
