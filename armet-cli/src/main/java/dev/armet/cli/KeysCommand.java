package dev.armet.cli;

import dev.armet.keys.Secrets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code armet keys generate [--count N]}: prints fresh secrets for {@code ARMET_SECRETS}, one a
 * line on standard output (so {@code armet keys generate > secret} captures only them), and the
 * hint on standard error. Each is 32 bytes from {@code SecureRandom}, base64url.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = "Manages the secrets that sign and seal Armet's cookies and tokens.")
final class KeysCommand implements Callable<Integer> {
  static final int MAX_COUNT = 100;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("armet keys: a command is needed (generate)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a fresh secret (32 random bytes, base64url) for ARMET_SECRETS.",
        "To rotate keys, put the new secret first and keep the old ones after it, comma-separated:",
        "the first signs, every one verifies, so nobody is logged out."
      })
  int generate(
      @Option(
              names = "--count",
              paramLabel = "N",
              defaultValue = "1",
              description =
                  "How many secrets to print (1 to " + MAX_COUNT + "). Default: ${DEFAULT-VALUE}.")
          int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new ParameterException(
          spec.commandLine().getSubcommands().get("generate"),
          "--count must be between 1 and " + MAX_COUNT + ", was " + count);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < count; i++) {
      out.println(Secrets.generate());
    }
    out.flush();
    spec.commandLine()
        .getErr()
        .println(
            "Set it as "
                + Secrets.VARIABLE
                + "=<secret> (comma-separated, newest first, to rotate), or one a line in the file named by "
                + Secrets.FILE_VARIABLE
                + ".");
    return Main.OK;
  }
}
