package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Finding;
import dev.armet.deps.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A CycloneDX 1.5 JSON SBOM of the vulnerable components with a {@code vulnerabilities} entry per
 * finding: ratings, affects, and a VEX {@code analysis} — {@code not_affected} with the
 * suppression's reason and expiry as {@code detail} when suppressed, else {@code in_triage} — so
 * the justification travels with the SBOM.
 */
public final class CycloneDxWriter {
  private CycloneDxWriter() {}

  public static void write(AuditReport r, Writer out) throws IOException {
    ObjectNode root = JsonReportWriter.JSON.createObjectNode();
    root.put("bomFormat", "CycloneDX");
    root.put("specVersion", "1.5");
    root.put("version", 1);
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("timestamp", r.checkedAt().toString());
    ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
    tool.put("type", "application");
    tool.put("name", "armet deps");
    metadata
        .putArray("properties")
        .addObject()
        .put("name", "armet:deps:inventory")
        .put("value", r.inventorySource());
    Set<String> components = new LinkedHashSet<>();
    ArrayNode componentArray = root.putArray("components");
    ArrayNode vulns = root.putArray("vulnerabilities");
    for (Finding f : r.findings()) {
      String purl = purl(f);
      if (components.add(purl)) {
        ObjectNode c = componentArray.addObject();
        c.put("type", "library");
        c.put("bom-ref", purl);
        c.put("group", f.dependency().groupId());
        c.put("name", f.dependency().artifactId());
        c.put("version", f.dependency().version());
        c.put("purl", purl);
      }
      vulns.add(vulnerability(f, purl));
    }
    JsonReportWriter.JSON.writeValue(out, root);
    out.write("\n");
  }

  private static ObjectNode vulnerability(Finding f, String purl) {
    ObjectNode v = JsonReportWriter.JSON.createObjectNode();
    String id = f.ids().get(0);
    v.put("bom-ref", id + "@" + purl);
    v.put("id", id);
    v.putObject("source")
        .put("name", id.startsWith("GHSA-") ? "GitHub" : id.startsWith("CVE-") ? "NVD" : "OSV")
        .put("url", "https://osv.dev/vulnerability/" + id);
    ArrayNode refs = v.putArray("references");
    for (String alias : f.ids().subList(1, f.ids().size())) {
      refs.addObject()
          .put("id", alias)
          .putObject("source")
          .put("url", "https://osv.dev/vulnerability/" + alias);
    }
    v.putArray("ratings")
        .addObject()
        .put("severity", f.severity().name().toLowerCase(Locale.ROOT))
        .put("method", "other");
    v.put("description", f.summary());
    v.put("recommendation", f.fix().describe());
    ObjectNode affects = v.putArray("affects").addObject();
    affects.put("ref", purl);
    affects
        .putArray("versions")
        .addObject()
        .put("version", f.dependency().version())
        .put("status", "affected");
    ObjectNode analysis = v.putObject("analysis");
    if (f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      analysis.put("state", "not_affected");
      analysis.put("detail", s.reason() + " (suppressed until " + s.expires() + ")");
    } else {
      analysis.put("state", "in_triage");
      if (f.unreferenced()) {
        analysis.put(
            "detail",
            "unreferenced: the application's classes refer to none of this artifact's classes");
      }
    }
    return v;
  }

  static String purl(Finding f) {
    return "pkg:maven/"
        + f.dependency().groupId()
        + "/"
        + f.dependency().artifactId()
        + "@"
        + f.dependency().version();
  }
}
