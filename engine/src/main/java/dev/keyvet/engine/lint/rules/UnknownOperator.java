package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP114: a condition operator the IAM grammar does not have. Every such problem is reported, at the
 * span the reader reported it.
 */
public final class UnknownOperator extends ReportedRule {
  public UnknownOperator() {
    super(
        new RuleMetadata(
            Code.KP114,
            "Unknown condition operator",
            "A condition operator that IAM does not define, such as"
                + " `StringEqual`; names are case-sensitive and a close one is"
                + " suggested.",
            "KMS rejects the policy.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
            "\"StringEqual\": {\"kms:ViaService\": \"ec2.us-east-1.amazonaws.com\"}",
            "\"StringEquals\": {\"kms:ViaService\": \"ec2.us-east-1.amazonaws.com\"}"));
  }
}
