package dev.armet.audit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SARIF 2.1.0: one run, a rule per finding id, a result per finding located at the audited URL. */
public final class SarifReport {
  private SarifReport() {}

  public static void write(List<Report> reports, Writer out) throws IOException {
    ObjectNode doc = JsonReport.MAPPER.createObjectNode();
    doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    doc.put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "armet-audit");
    ArrayNode rules = driver.putArray("rules");
    ArrayNode results = run.putArray("results");
    Set<String> ruleIds = new LinkedHashSet<>();
    for (Report r : reports) {
      for (Finding f : r.findings()) {
        if (ruleIds.add(f.id())) {
          ObjectNode rule = rules.addObject();
          rule.put("id", f.id());
          rule.putObject("shortDescription").put("text", f.title());
          rule.putObject("help").put("text", f.fix().isEmpty() ? f.title() : f.fix());
        }
        ObjectNode result = results.addObject();
        result.put("ruleId", f.id());
        result.put(
            "level",
            switch (f.severity()) {
              case CRITICAL, HIGH -> "error";
              case MEDIUM -> "warning";
              case LOW, INFO -> "note";
            });
        result
            .putObject("message")
            .put(
                "text",
                f.title()
                    + (f.evidence().isEmpty() ? "" : " — " + f.evidence())
                    + (f.fix().isEmpty() ? "" : " Fix: " + f.fix()));
        result
            .putArray("locations")
            .addObject()
            .putObject("physicalLocation")
            .putObject("artifactLocation")
            .put("uri", r.url());
        result.putObject("properties").put("severity", f.severity().jsonName());
      }
    }
    JsonReport.MAPPER.writeValue(out, doc);
    out.write(System.lineSeparator());
  }
}
