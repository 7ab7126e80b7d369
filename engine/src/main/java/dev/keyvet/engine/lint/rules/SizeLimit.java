package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP012: a policy larger than the 32,768 bytes KMS accepts. Every such problem is reported, at the
 * span the reader reported it.
 */
public final class SizeLimit extends ReportedRule {
  public SizeLimit() {
    super(
        new RuleMetadata(
            Code.KP012,
            "Policy too large",
            "The serialized policy is larger than 32,768 bytes, the most"
                + " PutKeyPolicy accepts.",
            "PutKeyPolicy fails with LimitExceededException, and the quota"
                + " cannot be raised; merge statements or move grants of use into"
                + " IAM.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html",
            "\"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/R1\", \"...\","
                + " \"arn:aws:iam::111122223333:role/R400\"]}",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}"));
  }
}
