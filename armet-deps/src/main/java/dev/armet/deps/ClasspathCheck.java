package dev.armet.deps;

import dev.armet.deps.internal.JarScanner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The jars that actually run: an inventory of the running JVM's class path and module path (each
 * jar's {@code pom.properties}, a fat or shaded jar's embedded ones, and {@code META-INF/maven}
 * under class folders), for the start-up self-check and {@code armet doctor}. Entries that cannot
 * be read are skipped, never guessed at.
 *
 * <pre>{@code
 * AuditReport r = Audit.run(ClasspathCheck.running(), OsvDatabase.load(osv), List.of(), Clock.systemUTC());
 * }</pre>
 */
public final class ClasspathCheck {
  private ClasspathCheck() {}

  /** The running JVM's {@code java.class.path} and {@code jdk.module.path}. */
  public static Inventory running() {
    List<Path> entries = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property, "");
      for (String e : value.split(File.pathSeparator)) {
        if (!e.isBlank()) {
          entries.add(Path.of(e));
        }
      }
    }
    return of(entries);
  }

  /**
   * An inventory of these class-path entries (jars or class folders), following each jar's manifest
   * {@code Class-Path} ({@code java -jar app.jar} with a {@code lib/} folder).
   */
  public static Inventory of(List<Path> entries) {
    List<Dependency> deps = new ArrayList<>();
    java.util.ArrayDeque<Path> queue = new java.util.ArrayDeque<>(entries);
    java.util.Set<Path> seen = new java.util.HashSet<>();
    while (!queue.isEmpty()) {
      Path e = queue.poll().toAbsolutePath().normalize();
      if (!seen.add(e)) {
        continue;
      }
      try {
        if (Files.isDirectory(e)) {
          deps.addAll(folder(e));
        } else if (Files.isRegularFile(e)) {
          deps.addAll(JarScanner.scan(e).dependencies());
          queue.addAll(manifestClassPath(e));
        }
      } catch (IOException | RuntimeException unreadable) {
        // An entry we cannot read is not inventoried; the class loader will complain about it.
      }
    }
    return new Inventory("classpath", deps);
  }

  private static List<Path> manifestClassPath(Path jar) throws IOException {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      java.util.jar.Manifest m = file.getManifest();
      String cp =
          m == null
              ? null
              : m.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
      if (cp == null || cp.isBlank()) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (String entry : cp.trim().split("\\s+")) {
        java.net.URI uri = jar.getParent().toUri().resolve(entry);
        if ("file".equals(uri.getScheme())) {
          out.add(Path.of(uri));
        }
      }
      return out;
    }
  }

  private static List<Dependency> folder(Path dir) throws IOException {
    Path maven = dir.resolve("META-INF/maven");
    if (!Files.isDirectory(maven)) {
      return List.of();
    }
    List<Dependency> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(maven, 3)) {
      for (Path p :
          walk.filter(f -> f.getFileName().toString().equals("pom.properties")).toList()) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
          props.load(in);
        }
        String g = props.getProperty("groupId");
        String a = props.getProperty("artifactId");
        String v = props.getProperty("version");
        if (g != null && a != null && v != null) {
          out.add(new Dependency(g, a, v, "", List.of(dir.toString(), g + ":" + a + ":" + v)));
        }
      }
    }
    return out;
  }
}
