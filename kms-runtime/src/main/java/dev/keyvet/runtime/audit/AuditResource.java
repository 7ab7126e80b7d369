package dev.keyvet.runtime.audit;

import java.util.Objects;

/**
 * A resource a call touched, as CloudTrail lists it: {@code {"ARN", "accountId", "type"}}.
 *
 * @param arn the resource's ARN
 * @param accountId the account that owns it
 * @param type the CloudFormation-style type, {@code AWS::KMS::Key} for keys
 */
public record AuditResource(String arn, String accountId, String type) {
  /** The type CloudTrail gives KMS keys. */
  public static final String KMS_KEY = "AWS::KMS::Key";

  public AuditResource {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(type, "type");
  }

  /** A KMS key by ARN; the account is read from the ARN. */
  public static AuditResource key(String keyArn) {
    return new AuditResource(keyArn, UserIdentity.accountOf(keyArn), KMS_KEY);
  }
}
