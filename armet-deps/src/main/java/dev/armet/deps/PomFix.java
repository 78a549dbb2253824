package dev.armet.deps;

import dev.armet.deps.internal.MavenVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code armet deps fix}: writes the fixes into a pom's text (formatting and comments kept) and
 * checks, on the graph Maven resolves afterwards, that each one took effect.
 *
 * <p>A direct dependency with a literal version (or a {@code ${property}}) is bumped in place;
 * every other fix becomes a {@code <dependencyManagement>} entry, placed first so it wins over BOM
 * imports. Only {@link #verify} proves anything: an override a module's explicit version defeats is
 * reported, not assumed.
 */
public final class PomFix {
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<]*?)\\s*</version>");

  private PomFix() {}

  /** A unified-style diff of the change, to show before writing it. */
  public static String diff(String name, String before, String after) {
    return dev.armet.deps.internal.LineDiff.of(name, before, after);
  }

  /** Returns the pom text with every fix that has a version applied. */
  public static String apply(String pom, List<MavenFix> fixes) {
    String text = pom;
    for (MavenFix f : fixes) {
      if (f.version().isEmpty()) {
        continue;
      }
      String[] ga = f.coordinate().split(":");
      String bumped =
          f.kind() == MavenFix.Kind.BUMP_DIRECT
              ? bumpDirect(text, ga[0], ga[1], f.version().get())
              : null;
      text = bumped != null ? bumped : manage(text, ga[0], ga[1], f.version().get());
    }
    return text;
  }

  /**
   * The fixes that did not take effect in {@code after} (Maven's graph once the pom was changed),
   * one line each with the version still resolved and its path; empty when all did.
   */
  public static List<String> verify(Inventory after, List<MavenFix> fixes) {
    List<String> problems = new ArrayList<>();
    for (MavenFix f : fixes) {
      if (f.version().isEmpty()) {
        continue;
      }
      for (Dependency d : after.dependencies()) {
        if (d.coordinate().equals(f.coordinate())
            && MavenVersions.compare(d.version(), f.version().get()) < 0) {
          problems.add(
              f.coordinate()
                  + " still resolves to "
                  + d.version()
                  + " (wanted "
                  + f.version().get()
                  + ") via "
                  + String.join(" > ", d.path()));
        }
      }
    }
    return problems;
  }

  private static int[] managementRegion(String text) {
    int start = text.indexOf("<dependencyManagement>");
    if (start < 0) {
      return null;
    }
    return new int[] {start, text.indexOf("</dependencyManagement>", start)};
  }

  private static boolean names(String block, String g, String a) {
    return block.matches("(?s).*<groupId>\\s*" + Pattern.quote(g) + "\\s*</groupId>.*")
        && block.matches("(?s).*<artifactId>\\s*" + Pattern.quote(a) + "\\s*</artifactId>.*");
  }

  /** Bumps a declared dependency outside dependencyManagement; null when there is none to bump. */
  private static String bumpDirect(String text, String g, String a, String version) {
    int[] region = managementRegion(text);
    Matcher m = DEPENDENCY.matcher(text);
    while (m.find()) {
      boolean managed = region != null && m.start() > region[0] && m.start() < region[1];
      if (managed || !names(m.group(1), g, a)) {
        continue;
      }
      Matcher v = VERSION.matcher(m.group(1));
      if (!v.find()) {
        return null;
      }
      String declared = v.group(1);
      if (declared.startsWith("${") && declared.endsWith("}")) {
        String prop = declared.substring(2, declared.length() - 1);
        Matcher p =
            Pattern.compile("<" + Pattern.quote(prop) + ">[^<]*</" + Pattern.quote(prop) + ">")
                .matcher(text);
        return p.find()
            ? text.substring(0, p.start())
                + "<"
                + prop
                + ">"
                + version
                + "</"
                + prop
                + ">"
                + text.substring(p.end())
            : null;
      }
      int at = m.start(1) + v.start();
      return text.substring(0, at)
          + "<version>"
          + version
          + "</version>"
          + text.substring(m.start(1) + v.end());
    }
    return null;
  }

  private static String manage(String text, String g, String a, String version) {
    int[] region = managementRegion(text);
    String entry =
        "<dependency><groupId>"
            + g
            + "</groupId><artifactId>"
            + a
            + "</artifactId><version>"
            + version
            + "</version></dependency>";
    if (region != null) {
      Matcher m = DEPENDENCY.matcher(text);
      m.region(region[0], region[1]);
      while (m.find()) {
        Matcher v = VERSION.matcher(m.group(1));
        if (names(m.group(1), g, a) && !m.group(1).contains("<scope>import</scope>") && v.find()) {
          int at = m.start(1) + v.start();
          return text.substring(0, at)
              + "<version>"
              + version
              + "</version>"
              + text.substring(m.start(1) + v.end());
        }
      }
      int deps = text.indexOf("<dependencies>", region[0]);
      if (deps > 0 && deps < region[1]) {
        int at = deps + "<dependencies>".length();
        return text.substring(0, at)
            + "\n      <!-- armet deps fix -->\n      "
            + entry
            + text.substring(at);
      }
    }
    String block =
        "<dependencyManagement>\n    <dependencies>\n      <!-- armet deps fix -->\n      "
            + entry
            + "\n    </dependencies>\n  </dependencyManagement>\n";
    int deps = text.indexOf("<dependencies>");
    int build = text.indexOf("<build>");
    int at = deps > 0 && (build < 0 || deps < build) ? deps : text.lastIndexOf("</project>");
    return text.substring(0, at) + block + "  " + text.substring(at);
  }
}
