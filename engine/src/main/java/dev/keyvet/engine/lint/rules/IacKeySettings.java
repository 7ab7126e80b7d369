package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.KeySettings;
import dev.keyvet.engine.model.KeySettings.Setting;
import dev.keyvet.engine.model.KeySettings.Value;
import java.util.function.Consumer;

/**
 * KP303: a key created without an explicit key policy, or without a deletion waiting period of 7 to
 * 30 days stated.
 */
public final class IacKeySettings extends KeyRule {
  static final long MIN_WINDOW = 7;
  static final long MAX_WINDOW = 30;

  public IacKeySettings() {
    super(
        new RuleMetadata(
            Code.KP303,
            "Key settings left to defaults",
            "A key defined in CloudFormation or Terraform has no explicit key policy, or does not"
                + " state its deletion waiting period (`PendingWindowInDays` /"
                + " `deletion_window_in_days`), or states one outside 7 to 30 days.",
            "Without a policy the key gets the default policy, which hands all access to the"
                + " account's IAM policies, so no review of the key shows who can use it. The"
                + " waiting period is the only window in which a scheduled deletion can be"
                + " cancelled; stating it keeps it from silently changing.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "resource \"aws_kms_key\" \"app\" {\n  enable_key_rotation = true\n}",
            "resource \"aws_kms_key\" \"app\" {\n  enable_key_rotation     = true\n"
                + "  deletion_window_in_days = 30\n  policy                  = jsonencode({...})\n}"));
  }

  @Override
  void check(LintContext ctx, KeySettings key, Consumer<Finding> out) {
    if (!key.declared()) {
      return;
    }
    if (!key.has(Setting.POLICY)) {
      out.accept(
          finding(
              ctx,
              key.span(),
              "key `" + key.resource() + "` is created without an explicit key policy",
              "write the policy with the key ("
                  + setting(key, "KeyPolicy", "policy")
                  + "); the default policy gives the account's IAM policies full access"));
    }
    String name = setting(key, "PendingWindowInDays", "deletion_window_in_days");
    Value window = key.value(Setting.PENDING_WINDOW_IN_DAYS);
    if (window == null) {
      out.accept(
          finding(
              ctx,
              key.span(),
              "key `" + key.resource() + "` does not state its deletion waiting period",
              "set "
                  + name
                  + " (7 to 30 days) so that a scheduled deletion can be cancelled in time"));
      return;
    }
    Long days = window.number();
    if (days != null && (days < MIN_WINDOW || days > MAX_WINDOW)) {
      out.accept(
          finding(
              ctx,
              window.span(),
              "deletion waiting period of `"
                  + key.resource()
                  + "` is "
                  + days
                  + " days; KMS accepts "
                  + MIN_WINDOW
                  + " to "
                  + MAX_WINDOW,
              "set " + name + " between 7 and 30 days"));
    }
  }
}
