package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Finding;
import dev.armet.deps.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0: one rule per advisory (with GitHub's {@code security-severity}), one result per
 * finding on the project's pom; a suppressed finding carries an external suppression with its
 * reason, so dashboards show it as dismissed with the justification.
 */
public final class SarifWriter {
  private SarifWriter() {}

  public static void write(AuditReport r, Writer out) throws IOException {
    ObjectNode root = JsonReportWriter.JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "armet deps");
    driver.put("informationUri", "https://github.com/armet-dev/armet");
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (Finding f : r.findings()) {
      String ruleId = f.ids().get(0);
      rules.computeIfAbsent(ruleId, id -> rule(id, f));
      ObjectNode res = results.addObject();
      res.put("ruleId", ruleId);
      res.put("level", level(f.severity()));
      res.putObject("message")
          .put(
              "text",
              f.dependency().gav()
                  + ": "
                  + f.summary()
                  + " ("
                  + String.join(", ", f.ids())
                  + "). Path: "
                  + String.join(" > ", f.paths().get(0))
                  + ". Fix: "
                  + f.fix().describe()
                  + ".");
      res.putArray("locations")
          .addObject()
          .putObject("physicalLocation")
          .putObject("artifactLocation")
          .put("uri", "pom.xml");
      res.putObject("partialFingerprints").put("armetDeps/v1", f.dependency().gav() + "|" + ruleId);
      if (f.suppression().isPresent()) {
        ObjectNode s = res.putArray("suppressions").addObject();
        s.put("kind", "external");
        s.put("status", "accepted");
        s.put(
            "justification",
            f.suppression().get().reason() + " (until " + f.suppression().get().expires() + ")");
      }
    }
    ArrayNode ruleArray = driver.putArray("rules");
    rules.values().forEach(ruleArray::add);
    JsonReportWriter.JSON.writeValue(out, root);
    out.write("\n");
  }

  private static ObjectNode rule(String id, Finding f) {
    ObjectNode rule = JsonReportWriter.JSON.createObjectNode();
    rule.put("id", id);
    rule.putObject("shortDescription").put("text", f.summary());
    rule.putObject("help")
        .put("text", "Advisory " + String.join(", ", f.ids()) + ". " + f.fix().describe() + ".");
    ObjectNode props = rule.putObject("properties");
    props.put("security-severity", securitySeverity(f.severity()));
    props.putArray("tags").add("security").add("dependency");
    return rule;
  }

  private static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH, UNKNOWN -> "error";
      case MEDIUM -> "warning";
      case LOW, NONE -> "note";
    };
  }

  private static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH, UNKNOWN -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "2.0";
      case NONE -> "0.0";
    };
  }
}
