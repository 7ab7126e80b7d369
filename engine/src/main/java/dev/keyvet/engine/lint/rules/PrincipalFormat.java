package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP109: a principal that names nobody: malformed, an IAM group, an unknown principal type. Every
 * such problem is reported, at the span the reader reported it.
 */
public final class PrincipalFormat extends ReportedRule {
  public PrincipalFormat() {
    super(
        new RuleMetadata(
            Code.KP109,
            "Malformed principal",
            "A principal that is empty, a malformed ARN, an IAM group, an ARN"
                + " with a region, an account ID that is not 12 digits, a service"
                + " principal not of the form `name.amazonaws.com`, an unknown type"
                + " such as `Users`, or the unique ID of a deleted principal.",
            "KMS rejects the policy or the principal matches no caller, so the"
                + " intended access silently does not exist.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:group/Ops\"}",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Ops\"}"));
  }
}
