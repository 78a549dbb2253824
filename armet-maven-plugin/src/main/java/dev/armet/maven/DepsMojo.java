package dev.armet.maven;

import dev.armet.deps.Audit;
import dev.armet.deps.AuditReport;
import dev.armet.deps.Inventory;
import dev.armet.deps.OsvDatabase;
import dev.armet.deps.ReportFormat;
import dev.armet.deps.ScopeFilter;
import dev.armet.deps.Severity;
import dev.armet.deps.Suppression;
import dev.armet.deps.SuppressionFile;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code armet:deps}: {@code armet deps} as a build goal, on this build's own resolved graph. Fails
 * the build when a finding is at or above {@code failOn}, or when the OSV data is missing or older
 * than {@code maxAgeDays}. Bind it to {@code verify}:
 *
 * <pre>{@code
 * <plugin><groupId>dev.armet</groupId><artifactId>armet-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>deps</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(
    name = "deps",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class DepsMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** OSV data: a folder of records or all.zip ({@code armet deps update --to DIR}). */
  @Parameter(property = "armet.deps.osv", defaultValue = "${user.home}/.armet/osv")
  File osv;

  /** critical, high, medium, low or none. */
  @Parameter(property = "armet.deps.failOn", defaultValue = "high")
  String failOn;

  /** runtime, test or all. */
  @Parameter(property = "armet.deps.scope", defaultValue = "runtime")
  String scope;

  /** text, json, sarif or cyclonedx, written to {@code outputFile}. */
  @Parameter(property = "armet.deps.format", defaultValue = "text")
  String format;

  /** Where to write the report; the text report is always logged. */
  @Parameter(property = "armet.deps.outputFile")
  File outputFile;

  /** Suppressions: {@code <id> [group:artifact] until YYYY-MM-DD because <reason>} per line. */
  @Parameter(property = "armet.deps.ignore")
  File ignore;

  @Parameter(property = "armet.deps.maxAgeDays", defaultValue = "30")
  int maxAgeDays;

  @Parameter(property = "armet.deps.skip", defaultValue = "false")
  boolean skip;

  Clock clock = Clock.systemUTC();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("armet:deps skipped");
      return;
    }
    String self = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    Inventory inventory = ArtifactTrails.inventory(self, project.getArtifacts());
    run(inventory);
  }

  void run(Inventory inventory) throws MojoExecutionException, MojoFailureException {
    Severity threshold;
    ScopeFilter scopeFilter;
    ReportFormat reportFormat;
    try {
      threshold = Severity.parse(failOn);
      scopeFilter = ScopeFilter.parse(scope);
      reportFormat = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("armet:deps: " + e.getMessage(), e);
    }
    try {
      List<Suppression> suppressions =
          ignore == null ? List.of() : SuppressionFile.read(ignore.toPath());
      if (!osv.exists()) {
        throw new MojoFailureException(
            "armet:deps: no OSV data at "
                + osv
                + "; run `armet deps update --to "
                + osv
                + "` or set armet.deps.osv");
      }
      OsvDatabase db = OsvDatabase.load(osv.toPath());
      db.problems().forEach(p -> getLog().warn("armet:deps: skipped " + p));
      Duration age = db.ageAt(clock.instant());
      if (age.compareTo(Duration.ofDays(maxAgeDays)) > 0) {
        throw new MojoFailureException(
            "armet:deps: the OSV data at "
                + osv
                + " is "
                + age.toDays()
                + " days old (maxAgeDays "
                + maxAgeDays
                + "); run `armet deps update --to "
                + osv
                + "`");
      }
      AuditReport report = Audit.run(inventory.filter(scopeFilter), db, suppressions, clock);
      StringWriter text = new StringWriter();
      ReportFormat.TEXT.write(report, text);
      text.toString().lines().forEach(l -> getLog().info(l));
      if (outputFile != null) {
        Files.createDirectories(outputFile.toPath().toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(outputFile.toPath())) {
          reportFormat.write(report, w);
        }
      }
      if (report.failsAt(threshold)) {
        long n = report.active().stream().filter(f -> f.severity().atLeast(threshold)).count();
        throw new MojoFailureException(
            "armet:deps: "
                + n
                + " vulnerable dependenc"
                + (n == 1 ? "y" : "ies")
                + " at or above "
                + threshold.label()
                + " (see above for each fix)");
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new MojoExecutionException("armet:deps: " + e.getMessage(), e);
    }
  }
}
