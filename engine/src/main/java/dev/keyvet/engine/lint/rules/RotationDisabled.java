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
 * KP302: a symmetric encryption key without automatic rotation, or with a rotation period KMS does
 * not accept. Asymmetric and HMAC keys, keys with imported material or in a custom key store, and
 * replica keys (which follow their primary) cannot rotate automatically and are left alone, as is a
 * setting whose value is an expression.
 */
public final class RotationDisabled extends KeyRule {
  static final long MIN_PERIOD = 90;
  static final long MAX_PERIOD = 2560;

  public RotationDisabled() {
    super(
        new RuleMetadata(
            Code.KP302,
            "Key rotation disabled",
            "A symmetric encryption key is created without automatic rotation (`EnableKeyRotation`"
                + " / `enable_key_rotation` absent or false), or with a rotation period outside 90"
                + " to 2560 days. Applies to keys read from CloudFormation or Terraform.",
            "Without rotation the same key material protects data for the key's whole life, so a"
                + " compromise exposes everything ever encrypted under it; rotation is free and"
                + " transparent to callers.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
            "Type: AWS::KMS::Key\nProperties:\n  KeyPolicy: {...}",
            "Type: AWS::KMS::Key\nProperties:\n  EnableKeyRotation: true\n"
                + "  RotationPeriodInDays: 365\n  KeyPolicy: {...}"));
  }

  @Override
  void check(LintContext ctx, KeySettings key, Consumer<Finding> out) {
    if (!key.declared() || key.replica() || !canRotate(key)) {
      return;
    }
    String enable = setting(key, "EnableKeyRotation", "enable_key_rotation");
    Value rotation = key.value(Setting.ENABLE_KEY_ROTATION);
    if (rotation == null) {
      out.accept(
          finding(
              ctx,
              key.span(),
              "symmetric key `" + key.resource() + "` does not enable automatic rotation",
              "set " + enable + " to true; KMS then rotates the key material every year"));
      return;
    }
    if (rotation.known() && !rotation.isTrue()) {
      out.accept(
          finding(
              ctx,
              rotation.span(),
              "symmetric key `" + key.resource() + "` has automatic rotation turned off",
              "set " + enable + " to true; KMS then rotates the key material every year"));
      return;
    }
    Value period = key.value(Setting.ROTATION_PERIOD_IN_DAYS);
    Long days = period == null ? null : period.number();
    if (days != null && (days < MIN_PERIOD || days > MAX_PERIOD)) {
      out.accept(
          finding(
              ctx,
              period.span(),
              "rotation period of `"
                  + key.resource()
                  + "` is "
                  + days
                  + " days; KMS accepts "
                  + MIN_PERIOD
                  + " to "
                  + MAX_PERIOD,
              "set "
                  + setting(key, "RotationPeriodInDays", "rotation_period_in_days")
                  + " between "
                  + MIN_PERIOD
                  + " and "
                  + MAX_PERIOD
                  + " (365 is the default)"));
    }
  }

  /**
   * True when the key is a symmetric encryption key with key material from KMS: the only kind that
   * rotates automatically. An unresolved key spec, usage or origin counts as not known to be one.
   */
  private static boolean canRotate(KeySettings key) {
    if (key.has(Setting.CUSTOM_KEY_STORE)) {
      return false;
    }
    return is(key, Setting.KEY_SPEC, "SYMMETRIC_DEFAULT")
        && is(key, Setting.KEY_USAGE, "ENCRYPT_DECRYPT")
        && is(key, Setting.ORIGIN, "AWS_KMS");
  }

  /** True when {@code setting} is absent (so has its default {@code value}) or is {@code value}. */
  private static boolean is(KeySettings key, Setting setting, String value) {
    Value v = key.value(setting);
    return v == null || value.equals(v.text());
  }
}
