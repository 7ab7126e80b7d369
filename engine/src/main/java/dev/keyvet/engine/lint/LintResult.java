package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Severity;
import java.util.List;

/**
 * The linter's findings for one file, sorted by position.
 *
 * @param file the file's name as given
 * @param findings every finding of the enabled rules
 */
public record LintResult(String file, List<Finding> findings) {
  public LintResult {
    findings = List.copyOf(findings);
  }

  /** How many findings have exactly {@code severity}. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.diagnostic().severity() == severity).count();
  }
}
