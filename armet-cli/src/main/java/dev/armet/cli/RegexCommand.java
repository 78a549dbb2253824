package dev.armet.cli;

import dev.armet.cli.regex.FoundRegex;
import dev.armet.cli.regex.RegexFlags;
import dev.armet.cli.regex.RegexReport;
import dev.armet.cli.regex.RegexScanner;
import dev.armet.regex.Complexity;
import dev.armet.regex.MatchMode;
import dev.armet.regex.RegexSafety;
import dev.armet.regex.RegexVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armet regex}: a ReDoS verdict for each pattern on the running JDK's {@code
 * java.util.regex}, each finding proved by replaying its attack on the engine; or, with {@code
 * --scan}, the same for every regex found in Java sources, class files, jars, fat jars and {@code
 * lib/} folders.
 */
@Command(
    name = "regex",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Checks regexes for catastrophic backtracking (ReDoS) and stack overflow on the JDK's own engine.",
      "Every finding is proved: its attack string is replayed on java.util.regex at growing sizes and the",
      "measured growth (n -> steps, fitted degree) is printed. With --scan, finds the regexes in Java sources,",
      "classes and jars (Pattern.compile, String.matches/split/replaceAll/replaceFirst, Pattern.matches,",
      "@Pattern(regexp=...), @Email(regexp=...)) and checks each."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every pattern is below --fail-on",
      "1:a finding at or above --fail-on",
      "2:usage error or an invalid pattern argument (the JDK's message and index; an invalid regex found by"
          + " --scan is reported, not exit 2)"
    })
final class RegexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or sarif. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "matches",
      description =
          "matches, find or lookingAt: how the pattern is applied. Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = "--flags",
      paramLabel = "FLAGS",
      description =
          "Pattern flags, comma-separated: CASE_INSENSITIVE,DOTALL,... or letters i,s,m,x,u,d,U,c.")
  String flags;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "polynomial",
      description =
          "linear, polynomial or exponential: the lowest finding that exits 1 (a stack risk counts as"
              + " polynomial). Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(
      names = "--scan",
      description = "Treat the arguments as paths (sources, classes, jars, folders) to scan.")
  boolean scan;

  @Parameters(
      paramLabel = "PATTERN",
      arity = "1..*",
      description = "Patterns to check (paths with --scan).")
  List<String> arguments;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MatchMode matchMode =
        switch (mode) {
          case "matches" -> MatchMode.MATCHES;
          case "find" -> MatchMode.FIND;
          case "lookingAt" -> MatchMode.LOOKING_AT;
          default -> null;
        };
    Complexity threshold =
        switch (failOn) {
          case "linear" -> Complexity.LINEAR;
          case "polynomial" -> Complexity.POLYNOMIAL;
          case "exponential" -> Complexity.EXPONENTIAL;
          default -> null;
        };
    if (!List.of("text", "json", "sarif").contains(format)
        || matchMode == null
        || threshold == null) {
      err.println(
          "armet regex: --format must be text, json or sarif (was '"
              + format
              + "'), --mode matches, find"
              + " or lookingAt (was '"
              + mode
              + "'), --fail-on linear, polynomial or exponential (was '"
              + failOn
              + "')");
      return Main.USAGE;
    }
    int baseFlags;
    try {
      baseFlags = RegexFlags.parse(flags);
    } catch (IllegalArgumentException e) {
      err.println("armet regex: " + e.getMessage());
      return Main.USAGE;
    }
    List<FoundRegex> targets = new ArrayList<>();
    if (scan) {
      for (String path : arguments) {
        long start = System.nanoTime();
        List<FoundRegex> found = RegexScanner.scan(Path.of(path), err);
        err.println(
            "armet regex: "
                + found.size()
                + " regex(es) in "
                + path
                + " (found in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms)");
        targets.addAll(found);
      }
    } else {
      arguments.forEach(
          p -> targets.add(new FoundRegex(p, baseFlags, null, null, null, 0, "argument")));
    }
    List<RegexReport.Entry> entries = new ArrayList<>();
    boolean invalid = false;
    boolean failing = false;
    int done = 0;
    Map<String, RegexVerdict> analysed =
        new HashMap<>(); // a library's regex is often found many times
    for (FoundRegex target : targets) {
      FoundRegex where = scan ? target : null;
      try {
        int f = target.flags() | baseFlags;
        RegexVerdict v = analysed.get(f + ":" + target.pattern());
        if (v == null) {
          v = RegexSafety.analyze(target.pattern(), f, matchMode);
          analysed.put(f + ":" + target.pattern(), v);
        }
        entries.add(new RegexReport.Entry(target.pattern(), v, null, where));
        failing |= level(v).ordinal() >= threshold.ordinal();
      } catch (PatternSyntaxException e) {
        entries.add(new RegexReport.Entry(target.pattern(), null, e.getMessage(), where));
        invalid = true;
      }
      if (scan && ++done % 50 == 0) {
        err.println("armet regex: " + done + "/" + targets.size() + " analysed");
      }
    }
    switch (format) {
      case "json" -> RegexReport.json(entries, out);
      case "sarif" -> RegexReport.sarif(entries, out);
      default -> RegexReport.text(entries, out);
    }
    out.flush();
    if (invalid && !scan) {
      err.println("armet regex: invalid pattern(s); see the JDK's message above");
      return Main.USAGE;
    }
    return failing ? Main.FAILURE : Main.OK;
  }

  /** The level a verdict counts at: its complexity, or polynomial for a stack risk. */
  static Complexity level(RegexVerdict v) {
    Complexity c = v.complexity();
    if (v.stackRisk() != null && c.ordinal() < Complexity.POLYNOMIAL.ordinal()) {
      return Complexity.POLYNOMIAL;
    }
    return c;
  }
}
