package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP105: an action not written in its canonical case. Every such problem is reported, at the span
 * the catalogue checks reported it.
 */
public final class ActionCase extends ReportedRule {
  public ActionCase() {
    super(
        new RuleMetadata(
            Code.KP105,
            "Action not in canonical case",
            "An action name that matches a KMS action only when case is"
                + " ignored, such as `kms:encrypt`.",
            "Actions match in any case, but non-canonical spellings hurt"
                + " review, search and diffing.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
            "\"Action\": \"kms:encrypt\"",
            "\"Action\": \"kms:Encrypt\""));
  }
}
