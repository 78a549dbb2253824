package dev.armet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code armet} command: only prints usage; each verb is a subcommand. */
@Command(
    name = "armet",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = "Production security for Java web applications.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      DoctorCommand.class,
      SchemaCommand.class,
      KeysCommand.class,
      AuditCommand.class,
      DepsCommand.class,
      RegexCommand.class,
      NewCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:run-time failure (port in use, unreadable data folder)",
      "2:usage or configuration error"
    })
final class ArmetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("armet: a command is needed");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }
}
