package dev.armet.audit.internal;

import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One self-contained HTML page: no script, no external asset, a CSP that forbids everything but its
 * own inline style ({@code default-src 'none'; style-src 'unsafe-inline'}). Every value from the
 * audited site is HTML-escaped.
 */
public final class HtmlReport {
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  private static final String STYLE =
      """
      body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330;background:#f6f7f9}
      h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2.5rem}.grades{display:flex;gap:1rem;margin:1rem 0}
      .grade{background:#fff;border-radius:.6rem;padding:1rem 1.4rem;box-shadow:0 1px 3px #0002}
      .grade b{display:block;font-size:2.4rem}.card{background:#fff;border-left:.4rem solid #999;border-radius:.4rem;
      padding:.6rem 1rem;margin:.7rem 0;box-shadow:0 1px 2px #0001}.critical{border-color:#8b0000}.high{border-color:#d33}
      .medium{border-color:#e80}.low{border-color:#cb0}.info{border-color:#59f}.sev{font-size:.75rem;text-transform:uppercase;
      font-weight:700;letter-spacing:.05em}code{background:#eef;padding:0 .2rem;border-radius:.2rem;word-break:break-all}
      table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;font-size:.85rem}
      .why{color:#555}""";

  private HtmlReport() {}

  public static void write(List<Report> reports, Writer out) throws IOException {
    StringBuilder sb =
        new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .append(CSP)
            .append("\">")
            .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .append("<meta name=\"referrer\" content=\"no-referrer\">")
            .append("<title>Armet audit</title><style>")
            .append(STYLE)
            .append("</style></head><body>\n");
    for (Report r : reports) {
      sb.append("<h1>Armet audit of <code>")
          .append(esc(r.url()))
          .append("</code></h1>\n<div class=\"grades\">")
          .append("<div class=\"grade\">Armet<b>")
          .append(esc(r.grade()))
          .append("</b>")
          .append(r.score())
          .append("/100</div><div class=\"grade\">MDN Observatory<b>")
          .append(esc(r.observatory().grade() == null ? "n/a" : r.observatory().grade()))
          .append("</b>")
          .append(
              r.observatory().score() == null
                  ? ""
                  : r.observatory().score()
                      + " (algorithm v"
                      + r.observatory().algorithmVersion()
                      + ")")
          .append("</div><div class=\"grade\">Findings<b>")
          .append(r.findings().size())
          .append("</b>stack: ")
          .append(esc(r.stack()))
          .append("</div></div>\n");
      String why = GradeDifference.explain(r);
      if (!why.isEmpty()) {
        sb.append("<p class=\"why\">").append(esc(why)).append("</p>\n");
      }
      for (Finding f : r.findings()) {
        String sev = f.severity().jsonName();
        sb.append("<div class=\"card ")
            .append(sev)
            .append("\"><span class=\"sev\">")
            .append(sev)
            .append("</span> <b>")
            .append(esc(f.title()))
            .append("</b><br><small>")
            .append(esc(f.id()))
            .append("</small>");
        if (!f.evidence().isEmpty()) {
          sb.append("<p>Evidence: <code>").append(esc(f.evidence())).append("</code></p>");
        }
        if (!f.fix().isEmpty()) {
          sb.append("<p>Fix: <code>").append(esc(f.fix())).append("</code></p>");
        }
        sb.append("</div>\n");
      }
      tls(sb, r);
    }
    out.write(sb.append("</body></html>\n").toString());
  }

  private static void tls(StringBuilder sb, Report r) {
    if (r.tls().protocols().isEmpty()) {
      return;
    }
    sb.append("<h2>TLS (Mozilla profile: ")
        .append(esc(r.tls().mozillaProfile()))
        .append(")</h2><table><tr><th>protocol</th>");
    for (String p : List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
      sb.append("<th>").append(p).append("</th>");
    }
    sb.append("</tr><tr><td>accepted</td>");
    for (String p : List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
      sb.append("<td>").append(r.tls().protocols().contains(p) ? "yes" : "no").append("</td>");
    }
    sb.append("</tr></table><p>Suites:</p><table>");
    for (String s : r.tls().suites()) {
      sb.append("<tr><td><code>").append(esc(s)).append("</code></td></tr>");
    }
    sb.append("</table><p>Groups: ")
        .append(esc(String.join(", ", r.tls().groups())))
        .append("; negotiated with a browser's offer: ")
        .append(esc(r.tls().negotiatedGroup() == null ? "unknown" : r.tls().negotiatedGroup()))
        .append("; ALPN: ")
        .append(esc(String.join(", ", r.tls().alpn())))
        .append("</p><table>");
    r.tls()
        .certificate()
        .forEach(
            (k, v) ->
                sb.append("<tr><th>")
                    .append(esc(k))
                    .append("</th><td>")
                    .append(esc(String.valueOf(v)))
                    .append("</td></tr>"));
    sb.append("</table>\n");
  }

  static String esc(String s) {
    return JunitReport.xml(s == null ? "" : s);
  }
}
