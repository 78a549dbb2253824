package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.headers.SecurityHeaders;
import dev.armet.jdbc.JdbcStores;
import dev.armet.redis.RedisStores;
import dev.armet.server.ArmetServer;
import dev.armet.servlet.ArmetFilter;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Public API" list and the module descriptors agree: every public top-level type of a
 * package a library module exports to everyone is listed, and every listed type is one. Packages
 * exported only to other Armet modules ({@code exports … to}) are not API and do not count. The
 * descriptors are read from the compiled {@code module-info.class} of each module, wherever the
 * build put it (a {@code target/classes} folder or a jar).
 */
class PublicApiListTest {
  /** One class of each library module, to find the module. */
  private static final List<Class<?>> MODULES =
      List.of(
          SecurityHeaders.class,
          ArmetFilter.class,
          RedisStores.class,
          JdbcStores.class,
          ArmetServer.class);

  private static final Pattern PACKAGE = Pattern.compile("^### `([a-z][a-z0-9.]*)`");
  private static final Pattern TYPE = Pattern.compile("^- `([A-Z][A-Za-z0-9]*)`");

  @Test
  void everyExportedType_isListed_andEveryListedType_isExported() throws Exception {
    Set<String> exported = exportedTypes();
    Set<String> listed = readmeList();
    assertThat(exported).as("exported public types").hasSizeGreaterThan(20);
    assertThat(exported)
        .as("exported types missing from README.md's Public API list")
        .isSubsetOf(listed);
    assertThat(listed)
        .as("types README.md's Public API list names that no module exports")
        .isSubsetOf(exported);
  }

  @Test
  void libraryModules_haveDescriptors_andExportNoInternalPackageToEveryone() throws Exception {
    for (Class<?> c : MODULES) {
      ModuleDescriptor d = reference(c).descriptor();
      assertThat(d.isAutomatic()).as(d.name() + " has a module-info").isFalse();
      assertThat(d.name()).startsWith("dev.armet.");
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.source().contains(".internal")) {
          assertThat(e.isQualified()).as(d.name() + " exports " + e.source()).isTrue();
          assertThat(e.targets()).allMatch(t -> t.startsWith("dev.armet."));
        }
      }
    }
  }

  /** {@code package.Type} for every public top-level type of every unqualified export. */
  static Set<String> exportedTypes() throws IOException, URISyntaxException {
    Set<String> types = new TreeSet<>();
    for (Class<?> c : MODULES) {
      ModuleReference ref = reference(c);
      Set<String> packages =
          ref.descriptor().exports().stream()
              .filter(e -> !e.isQualified())
              .map(ModuleDescriptor.Exports::source)
              .collect(Collectors.toSet());
      try (ModuleReader reader = ref.open()) {
        for (String name : reader.list().toList()) {
          if (!name.endsWith(".class") || name.contains("$") || name.endsWith("-info.class")) {
            continue;
          }
          String type = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          String pkg = type.substring(0, type.lastIndexOf('.'));
          if (packages.contains(pkg) && isPublic(type, c.getClassLoader())) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  private static boolean isPublic(String type, ClassLoader loader) {
    try {
      return Modifier.isPublic(Class.forName(type, false, loader).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AssertionError("cannot load " + type, e);
    }
  }

  private static ModuleReference reference(Class<?> c) throws URISyntaxException {
    Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("module at " + location).hasSize(1);
    return found.iterator().next();
  }

  /** {@code package.Type} for each {@code - `Type`} line under a {@code ### `package`} heading. */
  static Set<String> readmeList() throws IOException {
    Path readme = Path.of("..", "README.md");
    if (!Files.exists(readme)) {
      readme = Path.of("README.md");
    }
    Set<String> types = new TreeSet<>();
    boolean inSection = false;
    String pkg = null;
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Public API");
        pkg = null;
        continue;
      }
      if (!inSection) {
        continue;
      }
      Matcher p = PACKAGE.matcher(line);
      if (p.find()) {
        pkg = p.group(1);
        continue;
      }
      Matcher t = TYPE.matcher(line);
      if (t.find()) {
        assertThat(pkg)
            .as("README.md lists " + t.group(1) + " under no package heading")
            .isNotNull();
        types.add(pkg + "." + t.group(1));
      }
    }
    assertThat(types).as("README.md has a '## Public API' section listing types").isNotEmpty();
    return types;
  }
}
