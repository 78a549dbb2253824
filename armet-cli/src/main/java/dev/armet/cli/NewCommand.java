package dev.armet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armet new DIR}: writes a Maven project that starts secure (headers, sessions, CSRF,
 * sign-in throttle, error pages, TLS) and depends on the Armet version that wrote it. Two flavours:
 * {@code server} (armet-server, jte) and {@code spring-boot} (Spring Boot with
 * armet-spring-boot-starter, Thymeleaf, JdbcTemplate). The files come from templates under {@code
 * dev/armet/cli/new/<flavour>/}, listed in its {@code files.txt}; a line {@code path < other/path}
 * writes {@code path} from another flavour's template, so a file both share is kept once. A flavour
 * without templates in this build is refused.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Writes a new Maven project secured by Armet into DIR, in one of two flavours:",
      "  server       armet-server (Jetty 12, TLS, HTTP/2): one page with a form, one JSON endpoint, a "
          + "sign-in on SQL accounts (prepared statements, embedded SQLite), jte templates, its own HTTPS "
          + "tests. The default.",
      "  spring-boot  Spring Boot 3.5 with armet-spring-boot-starter: sign-up, sign-in and notes on "
          + "JdbcTemplate (bound parameters only, embedded H2), sessions and lock-outs in Armet's embedded "
          + "store, Thymeleaf templates with the CSP nonce, one JSON endpoint, its own HTTP tests.",
      "Both get a README, a .gitignore and a systemd unit. DIR must not exist or be empty. "
          + "Then: cd DIR && mvn verify"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the project was written",
      "1:the files could not be written (permissions, disk full, templates missing from this build)",
      "2:usage error: DIR is not empty, --group or --name is invalid, or --flavor is not server or "
          + "spring-boot"
    })
final class NewCommand implements Callable<Integer> {
  static final String TEMPLATES = "/dev/armet/cli/new/";
  private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "The folder to create (or an empty one).")
  Path directory;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      defaultValue = "com.example",
      description = "The Maven groupId, also the Java package's start. Default: ${DEFAULT-VALUE}.")
  String group;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The artifactId, lower case with dashes (my-app). Default: DIR's name.")
  String name;

  @Option(
      names = "--flavor",
      paramLabel = "FLAVOR",
      defaultValue = "server",
      description =
          "server (armet-server: Jetty with TLS; the default) or spring-boot (Spring Boot with "
              + "armet-spring-boot-starter).")
  String flavor;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String flavour = flavor.toLowerCase(Locale.ROOT);
    if (!flavour.equals("server") && !flavour.equals("spring-boot")) {
      err.println("armet new: --flavor must be server or spring-boot, was '" + flavor + "'");
      return Main.USAGE;
    }
    List<String> files = fileList(flavour);
    if (files == null) {
      err.println(
          "armet new: the templates of --flavor " + flavour + " are missing from this build");
      return Main.FAILURE;
    }
    String artifact =
        name != null
            ? name
            : directory.toAbsolutePath().normalize().getFileName() == null
                ? ""
                : directory.toAbsolutePath().normalize().getFileName().toString();
    if (!NAME.matcher(artifact).matches() || artifact.length() > 60) {
      err.println(
          "armet new: --name must be lower case letters and digits joined by single dashes (my-app), "
              + "was '"
              + artifact
              + "'"
              + (name == null ? " (from DIR; give --name)" : ""));
      return Main.USAGE;
    }
    String javaPackage = group + "." + artifact.replace("-", "");
    if (!GROUP.matcher(group).matches() || !SourceVersion.isName(javaPackage)) {
      err.println(
          "armet new: --group must be a Java package name such as com.example (lower case, no "
              + "keywords), was '"
              + group
              + "'");
      return Main.USAGE;
    }
    try {
      if (Files.exists(directory) && !isEmptyFolder(directory)) {
        err.println("armet new: " + directory + " is not an empty folder; choose a new one");
        return Main.USAGE;
      }
    } catch (IOException e) {
      err.println("armet new: cannot read " + directory + ": " + e.getMessage());
      return Main.FAILURE;
    }
    Map<String, String> values =
        Map.of(
            "@@GROUP@@", group,
            "@@NAME@@", artifact,
            "@@PACKAGE@@", javaPackage,
            "@@ARMET_VERSION@@", ArmetVersion.version(),
            "@@BOUNCYCASTLE_VERSION@@", ArmetVersion.bouncyCastle());
    try {
      for (String line : files) {
        String[] pair = line.split("\\s+<\\s+", 2);
        String file = pair[0];
        String source = pair.length == 2 ? pair[1] : flavour + "/" + file;
        String target =
            substitute(file, values)
                .replace("__package__", javaPackage.replace('.', '/'))
                .replace("dot.", ".");
        Path path = directory.resolve(target).normalize();
        if (!path.startsWith(directory.normalize())) {
          throw new IOException("template path " + file + " leaves the project folder");
        }
        Files.createDirectories(path.getParent());
        Files.writeString(path, substitute(template(source), values), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("armet new: cannot write the project into " + directory + ": " + e.getMessage());
      return Main.FAILURE;
    }
    out.println(
        "Wrote "
            + artifact
            + " ("
            + group
            + ", Armet "
            + ArmetVersion.version()
            + ") into "
            + directory);
    out.println("  cd " + directory);
    out.println(
        "  mvn verify                                                   # build and test it");
    out.println(
        "  mvn -q -DskipTests package && java -jar target/"
            + artifact
            + ".jar   # run it on "
            + (flavour.equals("server") ? "https://localhost:8443/" : "http://localhost:8080/"));
    return Main.OK;
  }

  /**
   * The lines of {@code flavour}'s {@code files.txt} (each a template path, or {@code path <
   * flavour/path} for a template taken from another flavour), or null when this build has none.
   */
  static List<String> fileList(String flavour) {
    try (InputStream in =
        NewCommand.class.getResourceAsStream(TEMPLATES + flavour + "/files.txt")) {
      if (in == null) {
        return null;
      }
      List<String> files = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          files.add(line.strip());
        }
      }
      return files;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The template at {@code source}, relative to {@link #TEMPLATES} ({@code server/pom.xml}). */
  private static String template(String source) throws IOException {
    try (InputStream in = NewCommand.class.getResourceAsStream(TEMPLATES + source)) {
      if (in == null) {
        throw new IOException("the template " + source + " is missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String substitute(String text, Map<String, String> values) {
    String out = text;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  private static boolean isEmptyFolder(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }
}
