package dev.keyvet.maven;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.FailOn;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintFiles;
import dev.keyvet.engine.lint.LintSession;
import dev.keyvet.engine.lint.LintSetupException;
import dev.keyvet.engine.lint.Suppression;
import dev.keyvet.engine.report.FileReport;
import dev.keyvet.engine.report.ReportOptions;
import dev.keyvet.engine.report.Reporter;
import dev.keyvet.engine.report.Reports;
import dev.keyvet.engine.report.Summary;
import dev.keyvet.engine.report.Wording;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the key policies, CloudFormation templates and Terraform configurations under {@code
 * directory}, with the settings of the nearest {@code keyvet.yaml} (or {@code configFile}). Logs
 * every finding as {@code file:line:col}, writes the reports asked for, and fails the build on
 * failing findings.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends AbstractMojo {
  /** The report formats the goal writes, and the file each one goes to. */
  static final Map<String, String> REPORT_FILES = reportFiles();

  private static Map<String, String> reportFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("text", "keyvet.txt");
    files.put("json", "keyvet.json");
    files.put("sarif", "keyvet.sarif");
    files.put("junit", "TEST-keyvet.xml");
    return Collections.unmodifiableMap(files);
  }

  /** How many failing findings the failure message lists; the log has them all. */
  private static final int MAX_LISTED = 10;

  /** The folder searched for policies. A missing folder is nothing to lint. */
  @Parameter(property = "keyvet.directory", defaultValue = "${project.basedir}/src/main/kms")
  File directory;

  /**
   * Ant-style patterns, relative to {@code directory}, of the files to lint. Default: {@code
   * **}{@code /*.json}, {@code **}{@code /*.yaml}, {@code **}{@code /*.yml}, {@code **}{@code
   * /*.template} and {@code **}{@code /*.tf}, of which only key policies and templates or
   * configurations that define KMS keys are linted.
   */
  @Parameter List<String> includes;

  /** Ant-style patterns, relative to {@code directory}, of files not to lint. */
  @Parameter List<String> excludes;

  /** Settings for every file, instead of the nearest {@code keyvet.yaml} above it. */
  @Parameter(property = "keyvet.configFile")
  File configFile;

  /**
   * What fails the build: a severity ({@code error}, {@code security}, {@code warning}, {@code
   * suggestion}; findings at least that serious fail) and/or codes, comma-separated. Default: the
   * settings' {@code failOn}, else {@code security} (errors and security findings fail).
   */
  @Parameter(property = "keyvet.failOn")
  String failOn;

  /**
   * Reports to write to {@code outputDirectory}: {@code text}, {@code json}, {@code sarif}, {@code
   * junit}.
   */
  @Parameter(property = "keyvet.formats")
  List<String> formats;

  /** Where reports are written. */
  @Parameter(
      property = "keyvet.outputDirectory",
      defaultValue = "${project.build.directory}/keyvet")
  File outputDirectory;

  /**
   * A baseline written by {@code keyvet lint --write-baseline}: only newer findings are reported.
   */
  @Parameter(property = "keyvet.baseline")
  File baseline;

  /** Skip linting. */
  @Parameter(property = "keyvet.skip", defaultValue = "false")
  boolean skip;

  /** The project's folder: file names in reports and baselines are relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    if (skip) {
      log.info("keyvet: lint skipped");
      return;
    }
    Path dir = directory.toPath();
    if (!Files.isDirectory(dir)) {
      log.info("keyvet: nothing to lint, " + dir + " does not exist");
      return;
    }
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Map<String, Reporter> reporters = reporters();
    LintSession.Result result;
    try {
      LintSession session =
          LintSession.builder()
              .base(base)
              .naming(p -> name(base, p))
              .configFile(configFile == null ? null : configFile.toPath())
              .baseline(baseline == null ? null : LintSession.readBaseline(baseline.toPath()))
              .failOn(failOn())
              .build();
      List<Path> files =
          LintFiles.scan(
              dir,
              includes == null || includes.isEmpty() ? LintFiles.DEFAULT_INCLUDES : includes,
              excludes == null ? List.of() : excludes);
      result = session.run(files);
    } catch (LintSetupException e) {
      throw new MojoExecutionException("keyvet: " + e.getMessage());
    }
    List<String> failing = new ArrayList<>();
    for (LintSession.FileOutcome file : result.files()) {
      for (Finding f : file.reported().findings()) {
        boolean fails = file.fails(f);
        logFinding(file.path().toAbsolutePath().normalize(), f, fails);
        if (fails) {
          failing.add(
              f.diagnostic().code().id()
                  + " in "
                  + Wording.location(file.name(), f.diagnostic().span()));
        }
      }
    }
    for (Suppression s : result.unusedSuppressions()) {
      log.warn("keyvet: unused suppression: " + s.describe() + " (" + s.reason() + ")");
    }
    List<FileReport> reports = FileReport.of(result);
    write(reporters, reports);
    String summary = "keyvet: " + Summary.of(reports).line();
    if (failing.isEmpty()) {
      log.info(summary);
      return;
    }
    log.error(summary);
    String listed = String.join(", ", failing.subList(0, Math.min(failing.size(), MAX_LISTED)));
    throw new MojoFailureException(
        "keyvet: "
            + failing.size()
            + (failing.size() == 1 ? " failing finding: " : " failing findings: ")
            + listed
            + (failing.size() > MAX_LISTED
                ? " and " + (failing.size() - MAX_LISTED) + " more"
                : ""));
  }

  private FailOn failOn() throws MojoExecutionException {
    if (failOn == null || failOn.isBlank()) {
      return null;
    }
    try {
      return FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("keyvet: failOn: " + e.getMessage());
    }
  }

  private Map<String, Reporter> reporters() throws MojoExecutionException {
    Map<String, Reporter> out = new LinkedHashMap<>();
    for (String raw : formats == null ? List.<String>of() : formats) {
      for (String part : raw.split(",")) {
        String format = part.strip().toLowerCase(Locale.ROOT);
        if (format.isEmpty()) {
          continue;
        }
        if (!REPORT_FILES.containsKey(format)) {
          throw new MojoExecutionException(
              "keyvet: formats: unknown report format `"
                  + part.strip()
                  + "`; valid formats: "
                  + String.join(", ", REPORT_FILES.keySet()));
        }
        out.put(format, Reports.forFormat(format, reportOptions()));
      }
    }
    return out;
  }

  private ReportOptions reportOptions() throws MojoExecutionException {
    FailOn threshold = failOn();
    return threshold == null || threshold.severity() == null
        ? ReportOptions.DEFAULT
        : ReportOptions.DEFAULT.withFailAt(threshold.severity());
  }

  private void write(Map<String, Reporter> reporters, List<FileReport> reports)
      throws MojoExecutionException {
    for (Map.Entry<String, Reporter> e : reporters.entrySet()) {
      Path out = outputDirectory.toPath().resolve(REPORT_FILES.get(e.getKey()));
      try {
        Files.createDirectories(out.getParent());
        Files.writeString(out, e.getValue().render(reports), StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new MojoExecutionException("keyvet: cannot write report '" + out + "': " + ex);
      }
      getLog().info("keyvet: wrote " + out);
    }
  }

  /**
   * One finding, as {@code /abs/file:line:col: severity CODE message} with its help and evidence:
   * failing findings at error level, others by severity (suggestions at info).
   */
  private void logFinding(Path file, Finding f, boolean fails) {
    Diagnostic d = f.diagnostic();
    StringBuilder text = new StringBuilder(Wording.headline(file.toString(), d));
    if (!d.help().isEmpty()) {
      text.append(System.lineSeparator()).append("  help: ").append(d.help());
    }
    if (f.evidence() != null) {
      text.append(System.lineSeparator())
          .append("  evidence: ")
          .append(Wording.evidence(f.evidence()));
    }
    Log log = getLog();
    if (fails) {
      log.error(text);
    } else if (d.severity() == Severity.SUGGESTION) {
      log.info(text);
    } else {
      log.warn(text);
    }
  }

  /** The file's name relative to the project, with {@code /}, or its absolute path outside it. */
  private static String name(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base)
        ? base.relativize(abs).toString().replace('\\', '/')
        : abs.toString();
  }
}
