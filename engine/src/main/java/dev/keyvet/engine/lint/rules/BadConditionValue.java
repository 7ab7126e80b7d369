package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP116: a condition value that is not valid for its operator. Every such problem is reported, at
 * the span the reader reported it.
 */
public final class BadConditionValue extends ReportedRule {
  public BadConditionValue() {
    super(
        new RuleMetadata(
            Code.KP116,
            "Invalid condition value",
            "A value that does not parse for its operator (a Bool that is not"
                + " true or false, a malformed date, number, IP range or base64), a"
                + " value that is an object or null, or `Null` with a qualifier or"
                + " `IfExists`.",
            "A condition holding such a value never matches, or KMS rejects the" + " policy.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
            "\"Bool\": {\"kms:MultiRegion\": \"maybe\"}",
            "\"Bool\": {\"kms:MultiRegion\": \"true\"}"));
  }
}
