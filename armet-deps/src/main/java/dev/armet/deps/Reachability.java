package dev.armet.deps;

import dev.armet.deps.internal.ClassReferences;
import dev.armet.deps.internal.JarScanner;
import dev.armet.deps.internal.JarScanner.ArchiveClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The "unreferenced" triage hint: starting from the names the application's own classes put in
 * their constant pools, an artifact is reached when one of its classes is named, and then its own
 * references count too. A vulnerable artifact never reached is flagged {@code unreferenced}.
 *
 * <p>It is a hint, never a verdict: reflection, {@code ServiceLoader}, class names in configuration
 * and framework scanning all load classes no constant pool names.
 */
public final class Reachability {
  private final Set<String> applicationReferences;
  private final List<ArchiveClasses> archives;

  private Reachability(Set<String> applicationReferences, List<ArchiveClasses> archives) {
    this.applicationReferences = applicationReferences;
    this.archives = archives;
  }

  /**
   * From a fat jar or war: {@code BOOT-INF/classes} or {@code WEB-INF/classes} against its nested
   * jars.
   */
  public static Reachability ofJar(Path jar) throws IOException {
    JarScanner.Result r = JarScanner.scan(jar, true);
    return new Reachability(r.applicationReferences(), r.archives());
  }

  /**
   * From a Maven project: every {@code target/classes} under {@code project} against the
   * dependencies' jars in the local repository ({@code localRepository/g/a/v/a-v.jar}); a jar not
   * there is treated as reached (no hint without evidence).
   */
  public static Reachability ofProject(Path project, Inventory inventory, Path localRepository)
      throws IOException {
    Set<String> appRefs = new HashSet<>();
    try (Stream<Path> walk =
        Files.walk(Files.isDirectory(project) ? project : project.toAbsolutePath().getParent())) {
      for (Path c :
          walk.filter(p -> p.toString().endsWith(".class"))
              .filter(p -> p.toString().contains("target" + java.io.File.separator + "classes"))
              .toList()) {
        ClassReferences.addTo(Files.readAllBytes(c), appRefs);
      }
    }
    List<ArchiveClasses> archives = new ArrayList<>();
    for (Dependency d : inventory.dependencies()) {
      Path jar =
          localRepository
              .resolve(d.groupId().replace('.', '/'))
              .resolve(d.artifactId())
              .resolve(d.version())
              .resolve(d.artifactId() + "-" + d.version() + ".jar");
      if (Files.isRegularFile(jar)) {
        for (ArchiveClasses a : JarScanner.scan(jar, true).archives()) {
          archives.add(new ArchiveClasses(a.name(), List.of(d.gav()), a.classes(), a.references()));
        }
      }
    }
    return new Reachability(appRefs, archives);
  }

  /**
   * The report with each finding's {@code unreferenced} flag set; unchanged when no application
   * class is at hand.
   */
  public AuditReport mark(AuditReport report) {
    if (applicationReferences.isEmpty()) {
      return report;
    }
    Set<String> refs = new HashSet<>(applicationReferences);
    List<ArchiveClasses> unreached = new ArrayList<>(archives);
    Set<String> reachedGavs = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var it = unreached.iterator(); it.hasNext(); ) {
        ArchiveClasses a = it.next();
        if (!Collections.disjoint(a.classes(), refs)) {
          it.remove();
          refs.addAll(a.references());
          reachedGavs.addAll(a.gavs());
          progress = true;
        }
      }
    }
    Set<String> knownGavs = new HashSet<>();
    archives.forEach(a -> knownGavs.addAll(a.gavs()));
    List<Finding> marked =
        report.findings().stream()
            .map(
                f -> {
                  String gav = f.dependency().gav();
                  return f.withUnreferenced(knownGavs.contains(gav) && !reachedGavs.contains(gav));
                })
            .toList();
    return new AuditReport(
        report.inventorySource(),
        report.dependencyCount(),
        marked,
        report.expiredSuppressions(),
        report.dataSource(),
        report.dataRetrievedAt(),
        report.checkedAt(),
        report.dataProblems());
  }
}
