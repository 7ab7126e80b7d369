package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP007: a statement without {@code Effect}, or one not spelt exactly {@code Allow} or {@code
 * Deny}. Every such problem is reported, at the span the reader reported it.
 */
public final class EffectInvalid extends ReportedRule {
  public EffectInvalid() {
    super(
        new RuleMetadata(
            Code.KP007,
            "Invalid Effect",
            "A statement has no `Effect`, or its value is not exactly `Allow`"
                + " or `Deny` (the spelling is case-sensitive).",
            "KMS rejects the policy; the statement means nothing until its" + " effect is stated.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html",
            "\"Effect\": \"allow\"",
            "\"Effect\": \"Allow\""));
  }
}
