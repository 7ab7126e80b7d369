package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Diagnostic;
import java.util.Objects;

/**
 * One thing the linter says about a policy: a diagnostic, the statement it concerns (for
 * suppressions and baselines), and, for findings about who can do what, the concrete request that
 * proves it.
 *
 * @param diagnostic code, severity, message, help and span
 * @param statement the Sid (or {@code #n}) of the statement concerned, or empty for the document
 * @param evidence a request that demonstrates the finding, or null
 */
public record Finding(Diagnostic diagnostic, String statement, Evidence evidence) {
  public Finding {
    Objects.requireNonNull(diagnostic, "diagnostic");
    Objects.requireNonNull(statement, "statement");
  }

  /** A finding without evidence. */
  public static Finding of(Diagnostic diagnostic, String statement) {
    return new Finding(diagnostic, statement, null);
  }

  /**
   * A concrete request that demonstrates a finding: who, doing what, and the statement that decided
   * it.
   */
  public record Evidence(String principal, String action, String decidingStatement) {}
}
