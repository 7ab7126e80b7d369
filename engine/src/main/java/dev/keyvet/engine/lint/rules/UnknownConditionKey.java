package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP112: a condition key that is neither a KMS nor a global key; deprecated keys as warnings. Every
 * such problem is reported, at the span the catalogue checks reported it.
 */
public final class UnknownConditionKey extends ReportedRule {
  public UnknownConditionKey() {
    super(
        new RuleMetadata(
            Code.KP112,
            "Unknown condition key",
            "A condition key that KMS and IAM do not define, with the closest"
                + " known key suggested; the deprecated `kms:CustomerMasterKeySpec`"
                + " and `kms:CustomerMasterKeyUsage` are reported as warnings naming"
                + " their replacements.",
            "An unknown key is absent from every request: an Allow that tests"
                + " it never applies, and a Deny with a negated test always does.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
            "\"StringEquals\": {\"kms:CallerAcount\": \"111122223333\"}",
            "\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}"));
  }
}
