package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP011: an empty string, list or object in {@code Sid}, {@code Principal}, {@code Action}, {@code
 * Resource} or {@code Condition}. Every such problem is reported, at the span the reader reported
 * it.
 */
public final class EmptyValues extends ReportedRule {
  public EmptyValues() {
    super(
        new RuleMetadata(
            Code.KP011,
            "Empty value",
            "An empty string, list or object where a value is expected: `Sid`,"
                + " a principal, an action, a resource, a condition operator or its"
                + " values.",
            "An empty element is dead or misleading: it matches nothing, yet"
                + " reads as if something were configured.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
            "\"Principal\": {\"AWS\": \"\"}",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}"));
  }
}
