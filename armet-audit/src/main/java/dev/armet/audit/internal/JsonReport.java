package dev.armet.audit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The JSON contract (docs/audit-report.schema.json): one object per URL, an array for several. */
public final class JsonReport {
  /** Leaves the writer open (flushed) after writing: the caller owns it. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonReport() {}

  public static void write(List<Report> reports, Writer out) throws IOException {
    Object doc;
    if (reports.size() == 1) {
      doc = node(reports.get(0));
    } else {
      ArrayNode all = MAPPER.createArrayNode();
      reports.forEach(r -> all.add(node(r)));
      doc = all;
    }
    MAPPER.writeValue(out, doc);
    out.write(System.lineSeparator());
    out.flush();
  }

  public static ObjectNode node(Report r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("url", r.url());
    n.put("grade", r.grade());
    n.put("score", r.score());
    ObjectNode o = n.putObject("observatory");
    o.put("grade", r.observatory().grade());
    if (r.observatory().score() == null) {
      o.putNull("score");
    } else {
      o.put("score", r.observatory().score());
    }
    o.put("algorithmVersion", r.observatory().algorithmVersion());
    o.set("results", MAPPER.valueToTree(r.observatory().results()));
    ArrayNode findings = n.putArray("findings");
    for (Finding f : r.findings()) {
      ObjectNode fn = findings.addObject();
      fn.put("id", f.id());
      fn.put("severity", f.severity().jsonName());
      fn.put("title", f.title());
      fn.put("evidence", f.evidence());
      fn.put("fix", f.fix());
    }
    ObjectNode tls = n.putObject("tls");
    tls.set("protocols", MAPPER.valueToTree(r.tls().protocols()));
    tls.set("suites", MAPPER.valueToTree(r.tls().suites()));
    tls.set("groups", MAPPER.valueToTree(r.tls().groups()));
    tls.set("certificate", MAPPER.valueToTree(r.tls().certificate()));
    tls.set("alpn", MAPPER.valueToTree(r.tls().alpn()));
    tls.put("mozillaProfile", r.tls().mozillaProfile());
    tls.put("negotiatedGroup", r.tls().negotiatedGroup());
    n.put("stack", r.stack());
    n.put("requests", r.requests());
    n.put("gradeDifference", GradeDifference.explain(r));
    return n;
  }
}
