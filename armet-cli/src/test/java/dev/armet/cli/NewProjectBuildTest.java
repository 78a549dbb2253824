package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armet new} writes a project that builds and passes its own tests offline ({@code mvn -o -B
 * verify}) with what built Armet, in each flavour: Armet's own artifacts, taken from this reactor's
 * {@code target/classes}, go into a fresh local repository (never into ~/.m2), and every
 * third-party artifact comes from ~/.m2, read as a {@code file://} mirror, which the offline build
 * may use because {@code aether.offline.protocols=file}. The {@code spring-boot} flavour also needs
 * Spring Boot's parent, plugin and starters there, which {@code .ci/run} fetches ({@code
 * maven-dependency-plugin:get}) before the build.
 *
 * <p>{@code -Darmet.new.mirror=DIR} reads the third-party artifacts from DIR instead of ~/.m2 (to
 * prove that what {@code .ci/run} fetches is enough).
 */
class NewProjectBuildTest {
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern ARMET_ARTIFACT =
      Pattern.compile("<groupId>dev\\.armet</groupId>\\s*<artifactId>(armet-[a-z-]+)</artifactId>");
  private static final long BUILD_MINUTES = 10;

  /** The Spring Boot of the spring-boot flavour's pom; .ci/run fetches it. */
  private static final String BOOT = "3.5.7";

  @TempDir Path dir;

  @Test
  void serverFlavour_buildsAndPassesItsTestsOffline() throws Exception {
    Path project =
        buildOffline(
            List.of(),
            List.of("armet-server", "armet-jdbc"),
            "Tests run: 7, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(project.resolve("target/my-app.jar")).exists();
  }

  @Test
  void springBootFlavour_buildsAndPassesItsTestsOffline() throws Exception {
    Path boot = mirror().resolve("org/springframework/boot");
    assertThat(boot.resolve("spring-boot-starter-parent/" + BOOT))
        .as(
            "Spring Boot %s is in the local repository; fetch it as .ci/run does (maven-dependency-plugin:3.11.0:get)",
            BOOT)
        .isDirectory();
    Path project =
        buildOffline(
            List.of("--flavor", "spring-boot"),
            List.of("armet-spring-boot-starter", "armet-jdbc"),
            "Tests run: 10, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(project.resolve("pom.xml")).content().contains("<version>" + BOOT + "</version>");
    try (JarFile jar = new JarFile(project.resolve("target/my-app.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
          .as("a runnable Boot jar")
          .isEqualTo("com.example.myapp.Application");
      assertThat(
              jar.getEntry(
                  "BOOT-INF/lib/armet-spring-boot-starter-" + ArmetVersion.version() + ".jar"))
          .isNotNull();
    }
  }

  /** Where the offline builds read third-party artifacts from. */
  private static Path mirror() {
    String chosen = System.getProperty("armet.new.mirror", "");
    return chosen.isBlank()
        ? Path.of(System.getProperty("user.home"), ".m2", "repository")
        : Path.of(chosen);
  }

  /**
   * Generates {@code my-app} with {@code options}, installs {@code modules} (and the Armet modules
   * they need) into a fresh local repository, runs {@code mvn -o -B verify} in it and checks the
   * build succeeded with {@code tests}; returns the project folder.
   */
  private Path buildOffline(List<String> options, List<String> modules, String tests)
      throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Path project = dir.resolve("my-app");
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of("new", project.toString(), "--group", "com.example", "--name", "my-app"));
    args.addAll(options);
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                args.toArray(String[]::new)))
        .as(err.toString())
        .isEqualTo(Main.OK);

    String version = ArmetVersion.version();
    Path repository = dir.resolve("repository");
    installParent(root, repository, version);
    for (String module : armetClosure(root, modules)) {
      install(root.resolve(module), module, repository, version);
    }
    Path home = mirror();
    Path settings =
        Files.writeString(
            dir.resolve("settings.xml"),
            """
        <settings>
          <localRepository>%s</localRepository>
          <offline>true</offline>
          <mirrors>
            <mirror><id>builder</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """
                .formatted(repository, home.toUri()));

    Path log = dir.resolve("build.log");
    ProcessBuilder build =
        new ProcessBuilder(
                "mvn",
                "-o",
                "-B",
                "-ntp",
                "-s",
                settings.toString(),
                "-Daether.offline.protocols=file",
                "verify")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    build.environment().keySet().removeIf(k -> k.startsWith("ARMET_") || k.equals("MAVEN_OPTS"));
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process mvn = build.start();
    try {
      boolean done = mvn.waitFor(BUILD_MINUTES, TimeUnit.MINUTES);
      String output = Files.readString(log);
      assertThat(done)
          .as("the build ends within %d minutes:%n%s", BUILD_MINUTES, tail(output))
          .isTrue();
      assertThat(mvn.exitValue()).as(tail(output)).isZero();
      assertThat(output).contains(tests, "BUILD SUCCESS");
    } finally {
      mvn.destroyForcibly();
    }
    try (Stream<Path> armet = Files.list(home.resolve("dev/armet"))) {
      assertThat(armet.map(p -> p.getFileName().toString()))
          .as("nothing of Armet went into ~/.m2")
          .doesNotContain("armet-core", "armet-server", "armet-spring-boot-starter");
    } catch (java.nio.file.NoSuchFileException e) {
      // ~/.m2 holds nothing of Armet at all
    }
    return project;
  }

  /**
   * The Armet modules {@code start} needs at run time (compile and runtime scopes), themselves
   * included.
   */
  private static Set<String> armetClosure(Path root, List<String> start) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      String module = todo.pop();
      if (!seen.add(module)) {
        continue;
      }
      Matcher d = DEPENDENCY.matcher(Files.readString(root.resolve(module).resolve("pom.xml")));
      while (d.find()) {
        String dependency = d.group(1);
        Matcher a = ARMET_ARTIFACT.matcher(dependency);
        if (a.find()
            && !dependency.contains("<scope>test</scope>")
            && !dependency.contains("<type>test-jar</type>")
            && !dependency.contains("<optional>true</optional>")) {
          todo.push(a.group(1));
        }
      }
    }
    return seen;
  }

  private static void installParent(Path root, Path repository, String version) throws IOException {
    Path folder =
        Files.createDirectories(repository.resolve("dev/armet/armet-parent").resolve(version));
    Files.copy(root.resolve("pom.xml"), folder.resolve("armet-parent-" + version + ".pom"));
  }

  /** What {@code mvn install} would put there: the POM and a jar of {@code target/classes}. */
  private static void install(Path module, String artifact, Path repository, String version)
      throws IOException {
    Path classes = module.resolve("target/classes");
    assertThat(classes)
        .as("%s is compiled (the reactor builds it before armet-cli)", artifact)
        .isDirectory();
    Path folder =
        Files.createDirectories(repository.resolve("dev/armet").resolve(artifact).resolve(version));
    Files.copy(module.resolve("pom.xml"), folder.resolve(artifact + "-" + version + ".pom"));
    try (OutputStream file =
            Files.newOutputStream(folder.resolve(artifact + "-" + version + ".jar"));
        JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      List<Path> entries = new ArrayList<>(walk.filter(p -> !p.equals(classes)).sorted().toList());
      for (Path p : entries) {
        String name =
            classes.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
        jar.putNextEntry(new JarEntry(name));
        if (Files.isRegularFile(p)) {
          Files.copy(p, jar);
        }
        jar.closeEntry();
      }
    }
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
                    "\n",
                    java.util.Arrays.copyOfRange(
                        lines, Math.max(0, lines.length - 80), lines.length))
                .getBytes(StandardCharsets.UTF_8)
                .length
            > 0
        ? String.join(
            "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 80), lines.length))
        : output;
  }
}
