package dev.armet.cli;

import dev.armet.audit.Audit;
import dev.armet.audit.AuditOptions;
import dev.armet.audit.Baseline;
import dev.armet.audit.Grade;
import dev.armet.audit.Report;
import dev.armet.audit.ReportFormat;
import dev.armet.audit.UnreachableTargetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armet audit URL...}: grades live sites on headers (with an MDN-Observatory-compatible
 * score), cookies, redirects, leakage and TLS, and gates a deploy with {@code --fail-under}.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description =
        "Grades live sites: security headers (with the MDN HTTP Observatory's score beside Armet's), "
            + "cookies, http->https redirect and HSTS, leakage (banners, stack traces, default error pages, exposed "
            + "endpoints, TRACE), CORS, rate-limit headers and TLS (protocols, suites, groups, certificate, ALPN). "
            + "Each finding has a fix for the stack the responses reveal. At most --max-requests HTTP requests per "
            + "URL; nothing that changes server state unless --probe csrf or --login-probe is given. Progress goes "
            + "to stderr.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every URL graded at or above --fail-under (default: never fail)",
      "1:a URL graded below --fail-under",
      "2:usage error",
      "3:a URL could not be reached (over http or https)"
    })
final class AuditCommand implements Callable<Integer> {
  static final int UNREACHABLE = 3;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "URL",
      description = "https://host[:port][/path], http://…, or host:port")
  List<String> urls;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json, html, sarif or junit. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report here instead of stdout.")
  Path output;

  @Option(
      names = "--fail-under",
      paramLabel = "GRADE",
      description = "Exit 1 when a URL's Armet grade is below GRADE (A+ … F).")
  String failUnder;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      description = "Also trust the CA certificate(s) in this PEM file.")
  Path ca;

  @Option(
      names = "--resolve",
      paramLabel = "HOST:PORT:ADDRESS",
      description =
          "Connect to ADDRESS for HOST:PORT, keeping SNI and Host (as curl's --resolve). Repeatable.")
  List<String> resolve = new ArrayList<>();

  @Option(
      names = "--header",
      paramLabel = "'Name: value'",
      description = "Send this header with every request. Repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Per request and handshake: 500ms, 10s, 1m or ISO-8601 (PT10S). Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--max-requests",
      paramLabel = "N",
      defaultValue = "40",
      description = "HTTP request budget per URL. Default: ${DEFAULT-VALUE}.")
  int maxRequests;

  @Option(
      names = "--probe",
      paramLabel = "NAME",
      description =
          "Opt-in state-changing probe: csrf (a cross-site POST to a form on the page must be refused).")
  List<String> probes = new ArrayList<>();

  @Option(
      names = "--login-probe",
      paramLabel = "PATH",
      description =
          "Opt-in: POST at most 15 wrong passwords for --username to PATH; a lock-out must follow.")
  String loginPath;

  @Option(names = "--username", paramLabel = "U", description = "The account the login probe uses.")
  String username;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Accepted findings (id, reason, expires): report only new findings and expired acceptances.")
  Path baseline;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat fmt = ReportFormat.parse(format);
    String threshold = failUnder == null ? null : Grade.parse(failUnder);
    AuditOptions options = options();
    if (baseline != null && !Files.isReadable(baseline)) {
      throw new IllegalArgumentException("--baseline: cannot read " + baseline);
    }
    Baseline accepted = baseline == null ? null : Baseline.read(baseline);
    List<Audit> audits = new ArrayList<>();
    for (String url : urls) {
      audits.add(Audit.of(url, options));
    }
    allowLegacyTlsInThisJvm();
    List<Report> reports = new ArrayList<>();
    boolean unreachable = false;
    boolean below = false;
    for (Audit audit : audits) {
      long start = System.nanoTime();
      try {
        Report r = audit.run();
        if (accepted != null) {
          r = accepted.apply(r, LocalDate.now());
        }
        reports.add(r);
        boolean failed = threshold != null && !Grade.atLeast(r.grade(), threshold);
        below |= failed;
        err.printf(
            "armet audit: %s grade %s (Observatory %s), %d findings, %d requests, %.1f s%s%n",
            r.url(),
            r.grade(),
            r.observatory().grade() == null ? "n/a" : r.observatory().grade(),
            r.findings().size(),
            r.requests(),
            (System.nanoTime() - start) / 1e9,
            failed ? " — below " + threshold : "");
      } catch (UnreachableTargetException e) {
        unreachable = true;
        err.println("armet audit: " + audit.target() + " unreachable: " + e.getMessage());
      }
      err.flush();
    }
    if (!reports.isEmpty()) {
      write(fmt, reports);
    }
    return unreachable ? UNREACHABLE : below ? Main.FAILURE : Main.OK;
  }

  private void write(ReportFormat fmt, List<Report> reports) throws IOException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      fmt.write(reports, out);
      out.flush();
      return;
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      fmt.write(reports, w);
    }
  }

  private AuditOptions options() throws IOException {
    AuditOptions.Builder b =
        AuditOptions.builder()
            .timeout(Durations.parse("--timeout", timeout))
            .maxRequests(maxRequests);
    resolve.forEach(b::resolve);
    headers.forEach(b::header);
    for (String p : probes) {
      if (!p.equals("csrf")) {
        throw new IllegalArgumentException("--probe must be csrf, was '" + p + "'");
      }
      b.probeCsrf(true);
    }
    if (loginPath != null || username != null) {
      if (loginPath == null || username == null) {
        throw new IllegalArgumentException("--login-probe PATH and --username U go together");
      }
      b.loginProbe(loginPath, username);
    }
    if (ca != null) {
      readCertificates(ca).forEach(b::trust);
    }
    return b.build();
  }

  static List<X509Certificate> readCertificates(Path pem) throws IOException {
    if (!Files.isReadable(pem)) {
      throw new IllegalArgumentException("--ca: cannot read " + pem);
    }
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("--ca: no certificate in " + pem);
      }
      return certs.stream().map(c -> (X509Certificate) c).toList();
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "--ca: " + pem + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  /**
   * The auditor must offer TLS 1.0/1.1 and legacy suites to find servers that accept them. This
   * changes the security properties of this JVM only — the armet CLI process, which makes no other
   * TLS connection — never a library user's (the library does not touch them).
   */
  private static void allowLegacyTlsInThisJvm() {
    Security.setProperty("jdk.tls.disabledAlgorithms", "");
    Security.setProperty("jdk.tls.legacyAlgorithms", "");
  }
}
