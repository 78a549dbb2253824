package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server gives away: versions in banners, stack traces on malformed requests, default error
 * pages, exposed Java management endpoints, directory listings, TRACE.
 */
final class LeakageChecks {
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern TRACE =
      Pattern.compile(
          "(\\bat (java|javax|jakarta|org|com|sun|jdk)\\.[\\w$.]+\\([\\w$]+\\.java:\\d+\\))"
              + "|(\\w+(\\.\\w+)+(Exception|Error): )|(Traceback \\(most recent call last\\))|(\\bat \\S+ \\(/[^)]+\\.js:\\d+)");
  private static final List<String[]> DEFAULT_PAGES =
      List.of(
          new String[] {"Whitelabel Error Page", "Spring Boot's Whitelabel error page"},
          new String[] {"Apache Tomcat/", "Tomcat's default error page"},
          new String[] {"Powered by Jetty", "Jetty's default error page"},
          new String[] {"<h2>HTTP ERROR ", "Jetty's default error page"},
          new String[] {"Cannot GET /", "Express's default 404 page"},
          new String[] {"<center>nginx", "nginx's default error page"});
  private static final List<String[]> ENDPOINTS =
      List.of(
          new String[] {
            "/actuator/env", "critical", "Spring Boot actuator env (configuration and secrets)"
          },
          new String[] {
            "/actuator/heapdump",
            "critical",
            "Spring Boot actuator heap dump (memory, sessions, keys)"
          },
          new String[] {"/h2-console", "high", "H2 database console"},
          new String[] {"/jolokia", "high", "Jolokia JMX over HTTP"});

  private LeakageChecks() {}

  static void run(AuditContext ctx) {
    Exchange auto = ctx.retrieval.auto();
    Findings f = ctx.findings;
    String server = auto.headers().first("server");
    if (server != null && VERSION.matcher(server).find()) {
      f.add(
          "server-version",
          Severity.LOW,
          "The Server header names a version",
          "Server: " + server,
          "banner");
    }
    String powered = auto.headers().first("x-powered-by");
    if (powered != null) {
      f.add(
          "x-powered-by",
          Severity.LOW,
          "X-Powered-By names the stack",
          "X-Powered-By: " + powered,
          "banner");
    }
    inspect(ctx, ctx.trySend(Request.get(ctx.base()).target("/%")), "a malformed path (/%)");
    inspect(
        ctx,
        ctx.trySend(Request.get(ctx.base()).hostHeader("bad host[")),
        "a malformed Host header");
    inspect(
        ctx,
        ctx.trySend(Request.get(ctx.base()).header("X-Armet-Audit", "a".repeat(20_000))),
        "an oversize header (20 KB)");
    Exchange missing = ctx.trySend(Request.get(ctx.base().resolve("/armet-audit-missing-page")));
    inspect(ctx, missing, "a missing page");
    if (missing != null && missing.status() == 200) {
      f.add("soft-404", Severity.INFO, "A missing page answers 200", missing.head(), "errors");
    }
    for (String[] endpoint : ENDPOINTS) {
      Exchange e = ctx.trySend(Request.get(ctx.base().resolve(endpoint[0])));
      if (e != null && e.status() == 200) {
        Severity s = endpoint[1].equals("critical") ? Severity.CRITICAL : Severity.HIGH;
        f.add(
            "exposed-endpoint:" + endpoint[0],
            s,
            "Exposed " + endpoint[2] + " at " + endpoint[0],
            endpoint[0] + " -> " + e.status() + " " + excerpt(e.body()),
            "endpoints");
      }
    }
    Exchange trace =
        ctx.trySend(Request.get(ctx.base()).method("TRACE").header("X-Armet-Trace", "echo"));
    if (trace != null && trace.status() == 200 && trace.body().contains("X-Armet-Trace")) {
      f.add(
          "trace-enabled",
          Severity.MEDIUM,
          "TRACE echoes requests (cross-site tracing)",
          trace.head(),
          "trace");
    }
    if (auto.body().contains("<title>Index of /") || auto.body().contains("<title>Directory: /")) {
      f.add(
          "directory-listing",
          Severity.MEDIUM,
          "The page is a directory listing",
          excerpt(auto.body()),
          "errors");
    }
  }

  private static void inspect(AuditContext ctx, Exchange e, String what) {
    if (e == null) {
      return;
    }
    Matcher m = TRACE.matcher(e.body());
    if (m.find()) {
      ctx.findings.add(
          "stack-trace",
          Severity.MEDIUM,
          "A stack trace answers " + what,
          e.status() + " … " + around(e.body(), m.start()),
          "errors");
    }
    for (String[] page : DEFAULT_PAGES) {
      if (e.body().contains(page[0])) {
        ctx.findings.add(
            "default-error-page",
            Severity.LOW,
            page[1] + " answers " + what,
            e.status() + " … " + around(e.body(), e.body().indexOf(page[0])),
            "errors");
      }
    }
    String server = e.headers().first("server");
    if (server != null && VERSION.matcher(server).find()) {
      ctx.findings.add(
          "server-version",
          Severity.LOW,
          "The Server header names a version",
          "Server: " + server,
          "banner");
    }
  }

  private static String around(String body, int at) {
    int from = Math.max(0, at - 40);
    return body.substring(from, Math.min(body.length(), at + 160));
  }

  private static String excerpt(String body) {
    return body.length() <= 160 ? body : body.substring(0, 160);
  }
}
