package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP102: a {@code kms:} action that does not exist, or a wildcard that matches no action. Every
 * such problem is reported, at the span the catalogue checks reported it.
 */
public final class UnknownAction extends ReportedRule {
  public UnknownAction() {
    super(
        new RuleMetadata(
            Code.KP102,
            "Unknown KMS action",
            "A `kms:` action not in the KMS permission list, or an action"
                + " wildcard that matches none; the closest action, or the wildcard a"
                + " lost `*` came from, is suggested.",
            "It grants nothing, and is usually a typo or a `*` eaten by a"
                + " template or by Markdown (`kms:ReEncrypt`).",
            "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
            "\"Action\": [\"kms:Decrypts\", \"kms:ReEncrypt\"]",
            "\"Action\": [\"kms:Decrypt\", \"kms:ReEncrypt*\"]"));
  }
}
