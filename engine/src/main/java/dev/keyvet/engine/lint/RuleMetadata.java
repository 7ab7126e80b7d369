package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import java.util.Objects;

/**
 * What a rule is, for people and reports: documentation and the README's rule table are generated
 * from it.
 *
 * @param code the stable code (ID, name and default severity)
 * @param title a short title, e.g. {@code Unconstrained grant creation}
 * @param description what the rule finds, one or two sentences
 * @param rationale why it matters
 * @param awsDoc the AWS documentation page that justifies it
 * @param bad a small policy fragment the rule flags
 * @param good the same fragment fixed
 */
public record RuleMetadata(
    Code code,
    String title,
    String description,
    String rationale,
    String awsDoc,
    String bad,
    String good) {
  public RuleMetadata {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(awsDoc, "awsDoc");
    Objects.requireNonNull(bad, "bad");
    Objects.requireNonNull(good, "good");
  }

  public String id() {
    return code.id();
  }

  public String name() {
    return code.ruleName();
  }

  public Severity defaultSeverity() {
    return code.defaultSeverity();
  }
}
