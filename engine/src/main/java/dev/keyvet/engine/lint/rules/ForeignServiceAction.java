package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP101: an action of another service, or one without a service prefix. Every such problem is
 * reported, at the span the catalogue checks reported it.
 */
public final class ForeignServiceAction extends ReportedRule {
  public ForeignServiceAction() {
    super(
        new RuleMetadata(
            Code.KP101,
            "Foreign service action",
            "An action whose prefix is not `kms:` (or that has no prefix at"
                + " all), such as `s3:GetObject`.",
            "A key policy governs only operations on the key; another service's"
                + " action there grants nothing and hides where the real permission"
                + " lives.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
            "\"Action\": [\"kms:Decrypt\", \"s3:GetObject\"]",
            "\"Action\": \"kms:Decrypt\""));
  }
}
