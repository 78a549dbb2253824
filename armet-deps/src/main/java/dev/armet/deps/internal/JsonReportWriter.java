package dev.armet.deps.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Finding;
import dev.armet.deps.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Armet's JSON report ({@code "format": "armet-deps/1"}); field names are a contract
 * (docs/deps.md).
 */
public final class JsonReportWriter {
  /** Leaves the writer open (flushed) after writing: the caller owns it. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonReportWriter() {}

  public static void write(AuditReport r, Writer out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "armet-deps/1");
    root.put("inventory", r.inventorySource());
    root.put("dependencies", r.dependencyCount());
    ObjectNode data = root.putObject("data");
    data.put("source", r.dataSource());
    data.put("retrievedAt", r.dataRetrievedAt().toString());
    data.put("ageHours", r.dataAge().toHours());
    strings(data.putArray("problems"), r.dataProblems());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : r.findings()) {
      findings.add(finding(f));
    }
    ArrayNode expired = root.putArray("expiredSuppressions");
    r.expiredSuppressions().forEach(s -> expired.add(suppression(s)));
    root.put("summary", TextReportWriter.tally(r.active()));
    JSON.writeValue(out, root);
    out.write("\n");
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("package", f.dependency().coordinate());
    n.put("version", f.dependency().version());
    strings(n.putArray("ids"), f.ids());
    n.put("summary", f.summary());
    n.put("severity", f.severity().label());
    n.put("scope", f.dependency().scope());
    n.put("direct", f.dependency().direct());
    ArrayNode paths = n.putArray("paths");
    f.paths().forEach(p -> strings(paths.addArray(), p));
    n.put("smallestFixedVersion", f.smallestFixed().orElse(null));
    n.put("newestFixedVersion", f.newestFixed().orElse(null));
    ObjectNode fix = n.putObject("fix");
    fix.put("kind", f.fix().kind().name().toLowerCase(java.util.Locale.ROOT));
    fix.put("coordinate", f.fix().coordinate());
    fix.put("version", f.fix().version().orElse(null));
    fix.put("via", f.fix().via().orElse(null));
    fix.put("description", f.fix().describe());
    n.put("unreferenced", f.unreferenced());
    if (f.suppression().isPresent()) {
      n.set("suppressed", suppression(f.suppression().get()));
    } else {
      n.putNull("suppressed");
    }
    return n;
  }

  static ObjectNode suppression(Suppression s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", s.advisoryId());
    n.put("package", s.coordinate().orElse(null));
    n.put("expires", s.expires().toString());
    n.put("reason", s.reason());
    return n;
  }

  static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
