package dev.armet.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/EVENTS.md lists exactly the events Armet emits: every {@code SecurityEvent.of(…)} in the
 * main sources of every module, named by string literals (a conditional names two) or by {@code
 * static final String} constants, against the document's event table, both ways, with the levels.
 */
class EventsDocumentTest {
  private static final Pattern CALL = Pattern.compile("SecurityEvent\\.of\\(");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONSTANT =
      Pattern.compile("(?:\\b([A-Z][A-Za-z0-9]*)\\.)?\\b([A-Z][A-Z0-9_]+)\\b");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\| ([A-Z]+) \\|.*");

  private static Path root;
  private static Map<String, Path> sources;

  @BeforeAll
  static void findRepository() throws IOException {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/EVENTS.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/EVENTS.md above the working directory").isNotNull();
    root = dir;
    sources = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module :
          modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .forEach(f -> sources.put(root.relativize(f).toString(), f));
        }
      }
    }
    assertThat(sources.keySet())
        .anyMatch(f -> f.startsWith("armet-servlet/"))
        .anyMatch(f -> f.startsWith("armet-server/"));
  }

  @Test
  void everyEmittedEvent_isListed_andEveryListedEvent_isEmitted() {
    Map<String, String> emitted = emitted();
    Map<String, String> documented = documented();
    assertThat(emitted.keySet())
        .as(
            "emitted (first place) but not in docs/EVENTS.md: %s",
            new TreeMap<>(without(emitted, documented.keySet())))
        .isSubsetOf(documented.keySet());
    assertThat(documented.keySet())
        .as("in docs/EVENTS.md but emitted nowhere")
        .isSubsetOf(emitted.keySet());
  }

  @Test
  void documentedLevels_areTheLevelsEventsGet() {
    documented()
        .forEach(
            (name, level) ->
                assertThat(EventLevels.name(SecurityEvent.of(name).level()))
                    .as("level of %s", name)
                    .isEqualTo(level));
  }

  @Test
  void eventNames_areOwaspStyle() {
    assertThat(emitted().keySet())
        .allMatch(
            n -> n.matches("[a-z]+(_[a-z0-9]+)+"),
            "lowercase words joined by underscores, category first (authn_, session_, malicious_ …)");
  }

  /** Event name to the first file that emits it. */
  private static Map<String, String> emitted() {
    Map<String, String> out = new TreeMap<>();
    List<String> unresolved = new ArrayList<>();
    sources.forEach(
        (name, file) -> {
          String code = withoutComments(read(file));
          Matcher call = CALL.matcher(code);
          while (call.find()) {
            String args = arguments(code, call.end());
            Set<String> names = new TreeSet<>();
            Matcher literal = LITERAL.matcher(args);
            while (literal.find()) {
              names.add(literal.group(1));
            }
            Matcher constant = CONSTANT.matcher(LITERAL.matcher(args).replaceAll(""));
            while (constant.find()) {
              String value =
                  resolve(
                      constant.group(1) == null ? code : classSource(constant.group(1)),
                      constant.group(2));
              if (value != null) {
                names.add(value);
              }
            }
            if (names.isEmpty()) {
              unresolved.add(name + ": SecurityEvent.of(" + args + ")");
            }
            names.forEach(n -> out.putIfAbsent(n, name));
          }
        });
    assertThat(unresolved).as("events must be named by a literal or a constant").isEmpty();
    assertThat(out)
        .as("the scan found the events")
        .containsKeys(
            "malicious_csrf",
            "sys_startup",
            "excess_rate_limit_exceeded",
            "session_tampered",
            "sys_events_suppressed");
    return out;
  }

  /** The event table of docs/EVENTS.md: name to level. */
  private static Map<String, String> documented() {
    Map<String, String> out = new TreeMap<>();
    boolean inEvents = false;
    for (String line : read(root.resolve("docs/EVENTS.md")).split("\n")) {
      if (line.startsWith("#")) {
        inEvents = line.equals("## Events");
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (inEvents && row.matches()) {
        assertThat(out.put(row.group(1), row.group(2)))
            .as("listed twice: %s", row.group(1))
            .isNull();
      }
    }
    assertThat(out).as("rows of the Events table").hasSizeGreaterThan(10);
    return out;
  }

  private static Map<String, String> without(Map<String, String> map, Set<String> keys) {
    Map<String, String> out = new TreeMap<>(map);
    out.keySet().removeAll(keys);
    return out;
  }

  /** The text between the call's parenthesis and the one that closes it. */
  private static String arguments(String code, int start) {
    int depth = 1;
    boolean inString = false;
    for (int i = start; i < code.length(); i++) {
      char c = code.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return code.substring(start, i);
      }
    }
    throw new AssertionError("unbalanced SecurityEvent.of( at " + start);
  }

  private static String resolve(String code, String constant) {
    if (code == null) {
      return null;
    }
    Matcher m =
        Pattern.compile("static final String " + constant + "\\s*=\\s*\"([^\"]*)\"").matcher(code);
    return m.find() ? m.group(1) : null;
  }

  private static String classSource(String simpleName) {
    return sources.values().stream()
        .filter(f -> f.getFileName().toString().equals(simpleName + ".java"))
        .findFirst()
        .map(f -> withoutComments(read(f)))
        .orElse(null);
  }

  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
