package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.Wildcards;
import java.util.List;
import java.util.function.Consumer;

/**
 * KP104: an action that takes no key. Reported at the action, in {@code Action} lists of either
 * effect: every explicitly named action without a key resource ({@code kms:CreateKey}), and a
 * wildcard only when every action it matches is such an action ({@code kms:*CustomKeyStore*}). A
 * wildcard that also matches key actions ({@code kms:Create*}, {@code kms:List*}) is not reported,
 * since its key actions still work. {@code NotAction} lists are left alone.
 */
public final class NonKeyAction extends StatementRule {
  public NonKeyAction() {
    super(
        new RuleMetadata(
            Code.KP104,
            "Action without a key resource",
            "An action that does not operate on a KMS key, such as `kms:CreateKey`, `kms:ListKeys`,"
                + " `kms:ListAliases`, `kms:GenerateRandom` or the custom key store actions, or a"
                + " wildcard that matches only such actions.",
            "KMS authorizes these actions with IAM policies alone; in a key policy they have no"
                + " effect, so the permission the author wanted is missing and the policy misleads"
                + " its readers.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
            "\"Action\": [\"kms:CreateKey\", \"kms:Decrypt\"]",
            "\"Action\": \"kms:Decrypt\""));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.action() == null || s.action().negated()) {
      return;
    }
    for (Text pattern : s.action().patterns()) {
      List<KmsAction> matches = ctx.catalog().actionsMatching(pattern.value());
      if (matches.isEmpty() || matches.stream().anyMatch(a -> a.resource().hasKey())) {
        continue;
      }
      String message =
          Wildcards.hasWildcard(pattern.value())
              ? Quoted.code(pattern.value())
                  + " matches only actions that take no key ("
                  + Quoted.list(matches.stream().map(a -> Quoted.code(a.qualifiedName())).toList())
                  + "); a key policy cannot allow or deny them"
              : Quoted.code(pattern.value())
                  + " takes no key, so a key policy cannot allow or deny it";
      out.accept(
          ctx.finding(
              Code.KP104,
              s,
              pattern.span(),
              message,
              s.effect() == Effect.DENY
                  ? "deny it in an IAM policy or a service control policy instead"
                  : "allow it in an IAM policy instead, and remove it here"));
    }
  }
}
