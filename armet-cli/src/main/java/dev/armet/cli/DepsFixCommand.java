package dev.armet.cli;

import dev.armet.deps.Audit;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Finding;
import dev.armet.deps.Inventories;
import dev.armet.deps.Inventory;
import dev.armet.deps.MavenFix;
import dev.armet.deps.OsvDatabase;
import dev.armet.deps.PomFix;
import dev.armet.deps.ScopeFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armet deps fix}: writes each finding's Maven fix into the pom (the diff first, asking
 * unless {@code --yes}), then resolves the project again and says, fix by fix, whether Maven now
 * picks the fixed version. When it cannot resolve at all, the pom is put back.
 */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Applies the fixes 'armet deps' proposes to the project's pom (bumps and <dependencyManagement>",
      "overrides), shows the diff first, and re-resolves with Maven to prove each took effect."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every fix applied and verified, or nothing to fix",
      "1:a fix did not take effect, or the change was declined",
      "2:usage error, or the project does not resolve",
      "3:OSV data missing"
    })
final class DepsFixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description = "The Maven project folder. Default: the current folder.")
  Path project;

  @Option(
      names = "--osv",
      paramLabel = "DIR|ZIP",
      description = "OSV data. Default: $ARMET_OSV, else ~/.armet/osv.")
  Path osv;

  @Option(names = "--yes", description = "Apply without asking.")
  boolean yes;

  @Option(names = "--offline", description = "Resolve the project with mvn -o.")
  boolean offline;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path pom = Files.isDirectory(project) ? project.resolve("pom.xml") : project;
    Path data = osv != null ? osv : OsvLocation.defaultPath();
    if (!Files.exists(data)) {
      err.println("armet deps fix: no OSV data at " + data + "; run `armet deps update`");
      return DepsCommand.DATA;
    }
    OsvDatabase db = OsvDatabase.load(data);
    Inventory before;
    try {
      before = Inventories.fromProject(pom, offline).filter(ScopeFilter.ALL);
    } catch (IOException e) {
      err.println("armet deps fix: " + e.getMessage());
      return Main.USAGE;
    }
    AuditReport report = Audit.run(before, db, List.of(), clock);
    List<MavenFix> fixes =
        report.findings().stream()
            .map(Finding::fix)
            .filter(f -> f.kind() != MavenFix.Kind.NO_FIX_YET)
            .distinct()
            .toList();
    report.findings().stream()
        .filter(f -> f.fix().kind() == MavenFix.Kind.NO_FIX_YET)
        .forEach(
            f ->
                err.println(
                    "armet deps fix: "
                        + f.dependency().gav()
                        + " "
                        + f.ids().get(0)
                        + ": no fixed version yet"));
    if (fixes.isEmpty()) {
      err.println("armet deps fix: nothing to fix");
      return Main.OK;
    }
    String original = Files.readString(pom);
    String changed = PomFix.apply(original, fixes);
    out.print(PomFix.diff(pom.toString(), original, changed));
    out.flush();
    if (!yes && !confirm(err, pom)) {
      err.println("armet deps fix: nothing changed");
      return DepsCommand.FINDINGS;
    }
    Files.writeString(pom, changed);
    err.println("armet deps fix: wrote " + pom + "; resolving again to check …");
    Inventory after;
    try {
      after = Inventories.fromProject(pom, offline).filter(ScopeFilter.ALL);
    } catch (IOException e) {
      Files.writeString(pom, original);
      err.println(
          "armet deps fix: the changed pom does not resolve, so it was put back: "
              + e.getMessage());
      return Main.USAGE;
    }
    List<String> problems = PomFix.verify(after, fixes);
    for (MavenFix f : fixes) {
      boolean ok = problems.stream().noneMatch(p -> p.startsWith(f.coordinate() + " "));
      out.println(
          (ok ? "verified: " : "NOT effective: ")
              + f.coordinate()
              + " -> "
              + f.version().orElseThrow());
    }
    problems.forEach(p -> out.println("  " + p));
    return problems.isEmpty() ? Main.OK : DepsCommand.FINDINGS;
  }

  private static boolean confirm(PrintWriter err, Path pom) throws IOException {
    err.print("Apply these changes to " + pom + "? [y/N] ");
    err.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
    return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
  }
}
