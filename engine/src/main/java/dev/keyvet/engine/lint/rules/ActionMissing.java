package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP009: a statement without {@code Action} or {@code NotAction}. Every such problem is reported,
 * at the span the reader reported it.
 */
public final class ActionMissing extends ReportedRule {
  public ActionMissing() {
    super(
        new RuleMetadata(
            Code.KP009,
            "Missing Action",
            "A statement has neither `Action` nor `NotAction`.",
            "KMS rejects the policy: a statement must say which operations it" + " covers.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
                + " \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
                + " \"Action\": \"kms:*\", \"Resource\": \"*\"}"));
  }
}
