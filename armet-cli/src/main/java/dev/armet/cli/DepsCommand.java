package dev.armet.cli;

import dev.armet.deps.Audit;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Dependency;
import dev.armet.deps.Inventories;
import dev.armet.deps.Inventory;
import dev.armet.deps.OsvDatabase;
import dev.armet.deps.Reachability;
import dev.armet.deps.ReportFormat;
import dev.armet.deps.ScopeFilter;
import dev.armet.deps.Severity;
import dev.armet.deps.Suppression;
import dev.armet.deps.SuppressionFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armet deps}: npm audit for Maven. The inventory is Maven's own resolved graph (PATH), a
 * CycloneDX SBOM or the jars; the data is a local OSV copy ({@code armet deps update}). The report
 * goes to standard output, the data's age and progress to standard error.
 */
@Command(
    name = "deps",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Audits a Maven project's resolved dependencies (or an SBOM, or jars) against OSV advisories,",
      "in Maven's own version order, with the path to each finding and the Maven fix."
    },
    subcommands = {DepsUpdateCommand.class, DepsFixCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage error, or the inventory cannot be built (the project does not resolve)",
      "3:OSV data missing or older than --max-age"
    })
final class DepsCommand implements Callable<Integer> {
  static final int FINDINGS = 1;
  static final int DATA = 3;
  static final int WARN_DAYS = 7;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description =
          "A Maven project (folder or pom). Default: the current folder when it has a pom.xml.")
  Path project;

  @Option(names = "--sbom", paramLabel = "FILE", description = "A CycloneDX SBOM (JSON or XML).")
  Path sbom;

  @Option(
      names = "--jar",
      paramLabel = "FILE|DIR",
      description = "A jar, fat jar, war, or a folder of jars (lib/).")
  Path jar;

  @Option(
      names = "--osv",
      paramLabel = "DIR|ZIP",
      description =
          "OSV data: a folder of records or all.zip. Default: $ARMET_OSV, else ~/.armet/osv.")
  Path osv;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json, sarif or cyclonedx. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description = "critical, high, medium, low or none. Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(
      names = "--ignore",
      paramLabel = "FILE",
      description =
          "Suppressions, one a line: '<id> [group:artifact] until YYYY-MM-DD because <reason>'.")
  Path ignore;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      defaultValue = "runtime",
      description = "runtime (what ships), test or all. Default: ${DEFAULT-VALUE}.")
  String scope;

  @Option(
      names = "--max-age",
      paramLabel = "DAYS",
      defaultValue = "30",
      description =
          "Refuse OSV data older than this (exit 3). A copy older than "
              + WARN_DAYS
              + " days is a warning. Default: ${DEFAULT-VALUE}.")
  int maxAgeDays;

  @Option(names = "--offline", description = "Resolve the project with mvn -o.")
  boolean offline;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    ReportFormat reportFormat = parse(() -> ReportFormat.parse(format));
    Severity threshold = parse(() -> Severity.parse(failOn));
    ScopeFilter scopeFilter = parse(() -> ScopeFilter.parse(scope));
    if (maxAgeDays < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-age must be >= 0 days, was " + maxAgeDays);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Suppression> suppressions =
        ignore == null ? List.of() : parse(() -> readSuppressions(ignore));
    OsvDatabase db = loadData(err);
    if (db == null) {
      return DATA;
    }
    Inventory inventory;
    try {
      inventory = inventory(err).filter(scopeFilter);
    } catch (IOException e) {
      err.println("armet deps: " + e.getMessage());
      return Main.USAGE;
    }
    AuditReport report =
        unreferencedHint(Audit.run(inventory, db, suppressions, clock), inventory, err);
    reportFormat.write(report, spec.commandLine().getOut());
    return report.failsAt(threshold) ? FINDINGS : Main.OK;
  }

  /** Marks findings no application class reaches, when the application's classes are at hand. */
  private AuditReport unreferencedHint(AuditReport report, Inventory inventory, PrintWriter err) {
    if (report.findings().isEmpty()) {
      return report;
    }
    try {
      if (jar != null && Files.isRegularFile(jar)) {
        return Reachability.ofJar(jar).mark(report);
      }
      Path dir = project != null ? project : sbom == null && jar == null ? Path.of(".") : null;
      if (dir != null) {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Reachability.ofProject(dir, inventory, repo).mark(report);
      }
    } catch (IOException | RuntimeException e) {
      err.println("armet deps: no unreferenced hint (" + e.getMessage() + ")");
    }
    return report;
  }

  private OsvDatabase loadData(PrintWriter err) throws IOException {
    Path data = osv != null ? osv : OsvLocation.defaultPath();
    if (!Files.exists(data)) {
      err.println(
          "armet deps: no OSV data at "
              + data
              + "; run `armet deps update` (or give --osv DIR|ZIP)");
      return null;
    }
    err.println("armet deps: reading OSV data from " + data);
    OsvDatabase db;
    try {
      db = OsvDatabase.load(data);
    } catch (IOException e) {
      err.println("armet deps: cannot read the OSV data at " + data + ": " + e.getMessage());
      return null;
    }
    db.problems().forEach(p -> err.println("armet deps: skipped " + p));
    Duration age = db.ageAt(clock.instant());
    long days = age.toDays();
    err.println(
        "armet deps: OSV data retrieved "
            + db.retrievedAt()
            + " ("
            + days
            + " days old, "
            + db.size()
            + " records)");
    if (age.compareTo(Duration.ofDays(maxAgeDays)) > 0) {
      err.println(
          "armet deps: the OSV data is older than "
              + maxAgeDays
              + " days; run `armet deps update`"
              + " (or accept it with --max-age "
              + (days + 1)
              + ")");
      return null;
    }
    if (days >= WARN_DAYS) {
      err.println(
          "armet deps: warning: the OSV data is " + days + " days old; run `armet deps update`");
    }
    return db;
  }

  private Inventory inventory(PrintWriter err) throws IOException {
    List<Inventory> inventories = new ArrayList<>();
    Path pom = project;
    if (pom == null && sbom == null && jar == null) {
      if (!Files.exists(Path.of("pom.xml"))) {
        throw new ParameterException(
            spec.commandLine(),
            "nothing to audit: give a project PATH, --sbom FILE or --jar FILE|DIR (no pom.xml here)");
      }
      pom = Path.of(".");
    }
    if (pom != null) {
      err.println("armet deps: resolving " + pom + " with Maven …");
      inventories.add(Inventories.fromProject(pom, offline));
    }
    if (sbom != null) {
      inventories.add(Inventories.fromSbom(sbom));
    }
    if (jar != null) {
      inventories.add(Inventories.fromJars(jar));
    }
    for (int i = 0; i < inventories.size(); i++) {
      for (int j = i + 1; j < inventories.size(); j++) {
        for (String d : Inventory.disagreements(inventories.get(i), inventories.get(j))) {
          err.println("armet deps: inventories disagree: " + d);
        }
      }
    }
    if (inventories.size() == 1) {
      return inventories.get(0);
    }
    List<Dependency> all = new ArrayList<>();
    inventories.forEach(inv -> all.addAll(inv.dependencies()));
    return new Inventory(
        String.join(" + ", inventories.stream().map(Inventory::source).toList()), all);
  }

  private List<Suppression> readSuppressions(Path file) {
    try {
      return SuppressionFile.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("--ignore " + file + ": cannot read it (" + e + ")", e);
    }
  }

  private <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
