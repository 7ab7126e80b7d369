package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.KeySettings;
import java.util.function.Consumer;

/** KP305: an alias name in the {@code alias/aws/} namespace AWS reserves for AWS managed keys. */
public final class ReservedAlias extends KeyRule {
  static final String RESERVED = "alias/aws/";

  public ReservedAlias() {
    super(
        new RuleMetadata(
            Code.KP305,
            "Reserved alias name",
            "An alias defined in CloudFormation or Terraform has a name beginning with `alias/aws/`.",
            "That prefix is reserved for AWS managed keys: creating the alias fails, so the stack"
                + " or plan breaks at deploy time.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html",
            "Type: AWS::KMS::Alias\nProperties:\n  AliasName: alias/aws/app\n"
                + "  TargetKeyId: !Ref AppKey",
            "Type: AWS::KMS::Alias\nProperties:\n  AliasName: alias/app\n"
                + "  TargetKeyId: !Ref AppKey"));
  }

  @Override
  void check(LintContext ctx, KeySettings key, Consumer<Finding> out) {
    for (KeySettings.Alias a : key.aliases()) {
      if (a.name() != null && a.name().startsWith(RESERVED)) {
        out.accept(
            finding(
                ctx,
                a.span(),
                "alias `"
                    + a.name()
                    + (key.declared()
                        ? "` of `" + key.resource() + "`"
                        : "` (`" + a.resource() + "`)")
                    + " is in the `alias/aws/` namespace reserved for AWS managed keys",
                "choose a name outside `alias/aws/`, e.g. `alias/"
                    + a.name().substring(RESERVED.length())
                    + "`"));
      }
    }
  }
}
