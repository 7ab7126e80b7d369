package dev.keyvet.engine.lint;

import java.util.Objects;

/**
 * A decision to accept one finding: the file (a path glob, relative to the configuration file's
 * folder), the statement (its Sid, or empty for any), the code, and the mandatory reason.
 */
public record Suppression(String file, String statement, String code, String reason) {
  public Suppression {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  /** How reports name it. */
  public String describe() {
    return code + " in " + file + (statement.isEmpty() ? "" : " statement `" + statement + "`");
  }
}
