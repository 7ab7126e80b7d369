package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP010: a statement without {@code Resource} or {@code NotResource}. Every such problem is
 * reported, at the span the reader reported it.
 */
public final class ResourceMissing extends ReportedRule {
  public ResourceMissing() {
    super(
        new RuleMetadata(
            Code.KP010,
            "Missing Resource",
            "A statement has neither `Resource` nor `NotResource`.",
            "KMS accepts the policy, but the statement applies to nothing, so"
                + " the access it seems to give (or deny) does not exist.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
                + " \"Action\": \"kms:Decrypt\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
                + " \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}"));
  }
}
