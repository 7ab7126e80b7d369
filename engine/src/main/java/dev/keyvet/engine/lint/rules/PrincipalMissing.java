package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP008: a statement without {@code Principal} or {@code NotPrincipal}. Every such problem is
 * reported, at the span the reader reported it.
 */
public final class PrincipalMissing extends ReportedRule {
  public PrincipalMissing() {
    super(
        new RuleMetadata(
            Code.KP008,
            "Missing Principal",
            "A statement names no `Principal` (or `NotPrincipal`), as"
                + " identity-policy statements pasted into a key policy do.",
            "Every key-policy statement must name who it applies to; KMS"
                + " rejects the policy otherwise.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/App\"}, \"Action\": \"kms:Decrypt\","
                + " \"Resource\": \"*\"}"));
  }
}
