package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.KeySettings;
import java.util.function.Consumer;

/**
 * A rule about the key's settings rather than its policy: it runs when the settings are known (the
 * policy was read from CloudFormation or Terraform) and says nothing about a plain policy file.
 */
abstract class KeyRule implements Rule {
  private final RuleMetadata metadata;

  KeyRule(RuleMetadata metadata) {
    this.metadata = metadata;
  }

  @Override
  public final RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public final void check(LintContext ctx, Consumer<Finding> out) {
    if (ctx.keySettings() != null) {
      check(ctx, ctx.keySettings(), out);
    }
  }

  /** Reports the findings of this rule about the key of {@code key}. */
  abstract void check(LintContext ctx, KeySettings key, Consumer<Finding> out);

  /** A finding of this rule about the key, not about a statement. */
  final Finding finding(LintContext ctx, SourceSpan span, String message, String help) {
    return ctx.finding(metadata.code(), null, span, message, help);
  }

  /**
   * The name of a setting as the key's source spells it: Terraform's ({@code enable_key_rotation})
   * for a Terraform resource address, CloudFormation's otherwise.
   */
  static String setting(KeySettings key, String cloudFormation, String terraform) {
    return "`" + (key.resource().contains(".") ? terraform : cloudFormation) + "`";
  }
}
