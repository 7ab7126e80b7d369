package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP106: a resource that can never be this key: another service's ARN, an alias, or a malformed
 * value. Every such problem is reported, at the span the reader reported it.
 */
public final class ResourceForeignArn extends ReportedRule {
  public ResourceForeignArn() {
    super(
        new RuleMetadata(
            Code.KP106,
            "Resource is not a KMS key",
            "A `Resource` value that cannot name the key: empty, not an ARN, an"
                + " ARN of another service, an alias ARN, or a KMS ARN of another"
                + " resource type.",
            "The statement never matches the key, so its Allow gives nothing"
                + " and its Deny protects nothing; in a key policy the resource is"
                + " written `*`.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "\"Resource\": \"arn:aws:s3:::myBucketName\"",
            "\"Resource\": \"*\""));
  }
}
