package dev.keyvet.cli;

import dev.keyvet.engine.lint.Baseline;
import dev.keyvet.engine.lint.FailOn;
import dev.keyvet.engine.lint.LintFiles;
import dev.keyvet.engine.lint.LintSession;
import dev.keyvet.engine.lint.LintSetupException;
import dev.keyvet.engine.lint.Suppression;
import dev.keyvet.engine.report.FileReport;
import dev.keyvet.engine.report.ReportOptions;
import dev.keyvet.engine.report.Reporter;
import dev.keyvet.engine.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyvet lint PATH...}: every check of the catalogue, reported for people or for CI. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Lint key policies: structure, grammar, security, best practice and hygiene checks.",
      "Settings come from the nearest keyvet.yaml / keyvet.yml / keyvet.json above each file,",
      "or from --config.",
      "Exit status: 0 no failing findings, 1 failing findings, 2 usage, settings or unreadable input."
    })
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Policy files, CloudFormation templates or Terraform files, or directories searched for"
              + " them (*.json, *.yaml, *.yml, *.template, *.tf).")
  List<Path> paths;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "text (default), json, sarif, junit or github.")
  String format = "text";

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Use these settings for every file.")
  Path config;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL|CODES",
      description =
          "Fail on findings at least this severe (error, security, warning, suggestion),"
              + " on these codes, or both, comma-separated. Default: the settings' failOn, else"
              + " security.")
  String failOn;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this baseline.")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description = "Write the current findings as a baseline and exit 0.")
  Path writeBaseline;

  /** True when standard output is a terminal; tests leave it false. */
  static boolean terminal = System.console() != null;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(err);
    } catch (UsageException e) {
      err.println("keyvet: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
  }

  private int run(PrintWriter err) throws UsageException {
    Reporter reporter;
    try {
      reporter =
          Reports.forFormat(format, ReportOptions.DEFAULT.withTerminal(terminal && output == null));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    FailOn threshold;
    try {
      threshold = failOn == null ? null : FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fail-on: " + e.getMessage());
    }
    LintSession.Result result;
    try {
      LintSession session =
          LintSession.builder()
              .base(Path.of("").toAbsolutePath())
              .configFile(config)
              .baseline(baseline == null ? null : LintSession.readBaseline(baseline))
              .failOn(threshold)
              .build();
      result = session.run(LintFiles.expand(paths));
    } catch (LintSetupException e) {
      throw new UsageException(e.getMessage());
    }
    if (writeBaseline != null) {
      write(writeBaseline, Baseline.write(result.unsuppressed()));
      err.println(
          "keyvet: wrote a baseline of "
              + result.unsuppressed().stream().mapToInt(r -> r.findings().size()).sum()
              + " findings to "
              + writeBaseline);
      return Main.EXIT_OK;
    }
    report(reporter, FileReport.of(result));
    for (Suppression s : result.unusedSuppressions()) {
      err.println("keyvet: unused suppression: " + s.describe() + " (" + s.reason() + ")");
    }
    return result.failing() ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }

  private void report(Reporter reporter, List<FileReport> reports) throws UsageException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(reporter.render(reports));
      out.flush();
      return;
    }
    write(output, reporter.render(reports).getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path p, byte[] bytes) throws UsageException {
    try {
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UsageException("cannot write '" + p + "'");
    }
  }

  /** A problem with the command line, the settings or the input; exit status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
