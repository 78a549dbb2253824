package dev.armet.cli;

import dev.armet.deps.OsvDownload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code armet deps update}: downloads OSV's Maven database and records when. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Downloads OSV's Maven advisories (the Maven/all.zip export) into DIR and records when and from where.",
      "A mirror URL or a local file is accepted; a failed download keeps the previous copy."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:updated", "2:usage error", "3:the download failed or is not OSV data"})
final class DepsUpdateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = OsvDownload.DEFAULT_URL,
      description =
          "Where to fetch all.zip: http(s) or file URL, or a path. Default: ${DEFAULT-VALUE}.")
  String url;

  @Option(
      names = "--to",
      paramLabel = "DIR",
      description = "Where to keep it. Default: $ARMET_OSV, else ~/.armet/osv.")
  Path to;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Path dir = to != null ? to : OsvLocation.defaultPath();
    PrintWriter err = spec.commandLine().getErr();
    err.println("armet deps update: fetching " + url + " …");
    try {
      OsvDownload.Result r = OsvDownload.fetch(url, dir, clock);
      r.database().problems().forEach(p -> err.println("armet deps update: skipped " + p));
      err.println(
          "armet deps update: "
              + r.database().size()
              + " Maven advisories in "
              + r.zip()
              + ", retrieved "
              + r.database().retrievedAt());
      return Main.OK;
    } catch (IOException | RuntimeException e) {
      err.println("armet deps update: " + e.getMessage());
      return DepsCommand.DATA;
    }
  }
}
