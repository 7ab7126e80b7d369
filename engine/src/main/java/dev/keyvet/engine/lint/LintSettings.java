package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;

/**
 * A project's linting settings, as read from {@code keyvet.yaml} or {@code keyvet.json}: the rule
 * configuration, paths to leave out, what fails the run, and suppressions.
 *
 * @param config rule configuration
 * @param excludes path globs (relative to {@code base}) whose files are not linted
 * @param failOnSeverity findings at least this serious fail the run (null: none by severity)
 * @param failOnCodes codes that fail the run whatever their severity
 * @param suppressions accepted findings, each with its reason
 * @param base the folder paths are relative to (the configuration file's folder)
 */
public record LintSettings(
    LintConfig config,
    List<String> excludes,
    Severity failOnSeverity,
    Set<Code> failOnCodes,
    List<Suppression> suppressions,
    Path base) {

  /** Default settings: fail on errors and security findings. */
  public static LintSettings defaults(Path base) {
    return new LintSettings(
        LintConfig.DEFAULT, List.of(), Severity.SECURITY, Set.of(), List.of(), base);
  }

  public LintSettings {
    excludes = List.copyOf(excludes);
    failOnCodes = Set.copyOf(failOnCodes);
    suppressions = List.copyOf(suppressions);
  }

  /** True when {@code f} fails the run. */
  public boolean fails(Finding f) {
    return failOnCodes.contains(f.diagnostic().code())
        || (failOnSeverity != null && f.diagnostic().severity().atLeast(failOnSeverity));
  }

  /** True when {@code file} is excluded. */
  public boolean excluded(Path file) {
    Path rel = relative(file);
    for (String glob : excludes) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
  }

  /** {@code file} relative to the base folder when it lies below it. */
  public Path relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) ? b.relativize(abs) : file.normalize();
  }

  /** These settings with another failure threshold (a severity or a list of codes). */
  public LintSettings withFailOn(Severity severity, Set<Code> codes) {
    return new LintSettings(config, excludes, severity, codes, suppressions, base);
  }
}
