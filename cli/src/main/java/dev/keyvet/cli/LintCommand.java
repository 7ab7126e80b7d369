package dev.keyvet.cli;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.Baseline;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintSettings;
import dev.keyvet.engine.lint.LintSettingsReader;
import dev.keyvet.engine.lint.Linter;
import dev.keyvet.engine.lint.Suppression;
import dev.keyvet.engine.lint.Suppressions;
import dev.keyvet.engine.report.FileReport;
import dev.keyvet.engine.report.ReportOptions;
import dev.keyvet.engine.report.Reporter;
import dev.keyvet.engine.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
              + " or on these comma-separated codes. Default: the settings' failOn, else security.")
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
    List<Path> files;
    try {
      files = PolicyFiles.expand(paths, true);
    } catch (PolicyFiles.UnreadableException e) {
      throw new UsageException(e.getMessage());
    }
    Baseline accepted = baseline == null ? null : readBaseline(baseline);
    Linter linter = Linter.standard();
    Map<Path, LintSettings> settingsByFile = new HashMap<>();
    Map<Path, Optional<Path>> settingsFileByDir = new HashMap<>();
    List<Job> jobs = new ArrayList<>();
    for (Path file : files) {
      LintSettings settings = settingsFor(file, settingsFileByDir, settingsByFile);
      if (settings.excluded(file)) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = PolicyFiles.read(file);
      } catch (PolicyFiles.UnreadableException e) {
        throw new UsageException(e.getMessage());
      }
      jobs.add(new Job(file, file.toString(), settings, bytes));
    }
    // Files are independent and the linter is thread-safe: lint them on every core, keeping the
    // order of the files for everything that follows.
    List<LintResult> raws =
        jobs.parallelStream().map(j -> linter.lint(j.name, j.bytes, j.settings.config())).toList();
    Map<LintSettings, Suppressions> suppressions = new HashMap<>();
    List<FileReport> reports = new ArrayList<>();
    List<LintResult> all = new ArrayList<>();
    boolean failing = false;
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      LintSettings settings = job.settings;
      String name = job.name;
      List<Finding> kept =
          suppressions
              .computeIfAbsent(settings, s -> new Suppressions(s.suppressions()))
              .apply(settings.relative(job.file), raws.get(i).findings());
      all.add(new LintResult(name, kept));
      if (accepted != null) {
        kept = accepted.newFindings(name, kept);
      }
      LintResult result = new LintResult(name, kept);
      LintSettings effective = failOn == null ? settings : overrideFailOn(settings);
      failing |= kept.stream().anyMatch(effective::fails);
      reports.add(FileReport.of(result, new String(job.bytes, StandardCharsets.UTF_8)));
    }
    if (writeBaseline != null) {
      write(writeBaseline, Baseline.write(all));
      err.println(
          "keyvet: wrote a baseline of "
              + all.stream().mapToInt(r -> r.findings().size()).sum()
              + " findings to "
              + writeBaseline);
      return Main.EXIT_OK;
    }
    report(reporter, reports);
    for (Map.Entry<LintSettings, Suppressions> e : suppressions.entrySet()) {
      for (Suppression s : e.getValue().unused()) {
        err.println("keyvet: unused suppression: " + s.describe() + " (" + s.reason() + ")");
      }
    }
    return failing ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }

  /** One file to lint, with its settings and content. */
  private record Job(Path file, String name, LintSettings settings, byte[] bytes) {}

  private LintSettings settingsFor(
      Path file, Map<Path, Optional<Path>> byDir, Map<Path, LintSettings> cache)
      throws UsageException {
    Path source = config;
    if (source == null) {
      Path dir = file.toAbsolutePath().getParent();
      source =
          (dir == null
                  ? LintSettingsReader.find(file)
                  : byDir.computeIfAbsent(dir, LintSettingsReader::find))
              .orElse(null);
    }
    if (source == null) {
      return LintSettings.defaults(Path.of("").toAbsolutePath());
    }
    LintSettings s = cache.get(source);
    if (s == null) {
      try {
        s = LintSettingsReader.read(source, Files.readAllBytes(source));
      } catch (IOException e) {
        throw new UsageException("cannot read settings '" + source + "'");
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      cache.put(source, s);
    }
    return s;
  }

  private LintSettings overrideFailOn(LintSettings settings) throws UsageException {
    try {
      return settings.withFailOn(Severity.fromLabel(failOn), Set.of());
    } catch (IllegalArgumentException notASeverity) {
      Set<Code> codes = new LinkedHashSet<>();
      for (String c : failOn.split(",")) {
        codes.add(
            Code.find(c.strip())
                .orElseThrow(
                    () ->
                        new UsageException(
                            "--fail-on: `" + c.strip() + "` is neither a severity nor a code")));
      }
      return settings.withFailOn(null, codes);
    }
  }

  private static Baseline readBaseline(Path p) throws UsageException {
    try {
      return Baseline.read(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new UsageException("cannot read baseline '" + p + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageException("'" + p + "': " + e.getMessage());
    }
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
