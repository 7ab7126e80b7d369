package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import java.util.function.Consumer;

/**
 * KP108: a statement uses {@code NotResource}. Every such statement is reported once, at the
 * element's value, whatever its effect.
 */
public final class NotResourceUsed extends StatementRule {
  public NotResourceUsed() {
    super(
        new RuleMetadata(
            Code.KP108,
            "NotResource in a key policy",
            "A statement uses `NotResource` instead of `Resource`.",
            "A key policy governs exactly one resource, the key. `NotResource` either excludes it,"
                + " and the statement never applies, or does not, and the statement applies exactly"
                + " as `\"Resource\": \"*\"` would; either way the element only confuses readers.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
            "\"NotResource\": \"arn:aws:kms:us-east-1:111122223333:key/other\"",
            "\"Resource\": \"*\""));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.resource() == null || !s.resource().negated()) {
      return;
    }
    boolean excludesThisKey =
        s.resource().patterns().stream().map(Template::text).anyMatch("*"::equals);
    out.accept(
        ctx.finding(
            Code.KP108,
            s,
            s.resource().span(),
            "`NotResource` in a key policy, whose only resource is the key itself",
            excludesThisKey
                ? "`NotResource: \"*\"` excludes the key, so this statement never applies;"
                    + " remove it or write `\"Resource\": \"*\"`"
                : "the statement applies to this key unless a listed ARN matches it; write"
                    + " `\"Resource\": \"*\"` to say so plainly"));
  }
}
