package dev.armet.cli;

import dev.armet.jdbc.SqlDialect;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armet schema --dialect D}: prints the DDL of the JDBC session and rate-limit stores, for
 * teams that apply schema changes themselves instead of letting Armet create the tables at
 * start-up.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = "Prints the SQL that creates Armet's session and rate-limit tables.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error (unknown dialect)"})
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dialect",
      required = true,
      paramLabel = "DIALECT",
      description = "postgresql, mariadb (also mysql) or sqlite.")
  String dialect;

  @Option(
      names = "--table-prefix",
      paramLabel = "PREFIX",
      defaultValue = "armet_",
      description = "Prefix of the table names. Default: ${DEFAULT-VALUE}.")
  String tablePrefix;

  @Override
  public Integer call() {
    SqlDialect d;
    try {
      d = SqlDialect.named(dialect);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("armet: " + e.getMessage());
      return Main.USAGE;
    }
    try {
      spec.commandLine().getOut().print(d.ddl(tablePrefix));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("armet: " + e.getMessage());
      return Main.USAGE;
    }
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
