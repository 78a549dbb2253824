package dev.armet.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --ignore FILE}: one suppression a line, blank lines and {@code #} comments ignored.
 *
 * <pre>
 * # advisory id   [groupId:artifactId]                until YYYY-MM-DD because reason
 * CVE-2021-44228  org.apache.logging.log4j:log4j-core until 2027-01-31 because JndiLookup.class removed from the jar
 * GHSA-36p3-wjmg-h94x until 2026-12-31 because runs as a Boot jar, not a WAR on Tomcat
 * </pre>
 *
 * <p>An OpenVEX JSON document is read too: each {@code not_affected} statement suppresses its
 * vulnerability for its {@code pkg:maven} products, with its impact statement (or justification) as
 * the reason, for 90 days from the statement's timestamp (OpenVEX has no expiry of its own).
 *
 * <p>Every line needs an expiry and a reason; a line that does not parse is an error naming the
 * file, the line number and the expected shape (a typo never silently suppresses nothing, nor
 * everything).
 */
public final class SuppressionFile {
  private static final Pattern LINE =
      Pattern.compile("(\\S+)(?:\\s+([^\\s:]+:[^\\s:]+))?\\s+until\\s+(\\S+)\\s+because\\s+(.+)");

  private SuppressionFile() {}

  public static List<Suppression> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (text.stripLeading().startsWith("{")) {
      return dev.armet.deps.internal.OpenVexReader.read(bytes, file.toString());
    }
    List<String> lines = text.lines().toList();
    List<Suppression> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.add(parse(line, file + ":" + (i + 1)));
    }
    return out;
  }

  static Suppression parse(String line, String where) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          where
              + ": expected '<advisory id> [groupId:artifactId] until YYYY-MM-DD"
              + " because <reason>', was '"
              + line
              + "'");
    }
    LocalDate expires;
    try {
      expires = LocalDate.parse(m.group(3));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": the expiry must be a date like 2027-01-31, was '" + m.group(3) + "'", e);
    }
    return new Suppression(
        m.group(1), Optional.ofNullable(m.group(2)), expires, m.group(4).strip());
  }
}
