package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ActionSet;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP405: an Allow whose access another Allow already contains: the other names the same principals
 * (or {@code *}), covers every action it covers, applies to the same resources or {@code *}, and
 * has no condition it lacks.
 */
public final class SubsumedAllow extends PolicyRule {
  public SubsumedAllow() {
    super(
        new RuleMetadata(
            Code.KP405,
            "Allow contained in another allow",
            "Every request an Allow statement allows is also allowed by another Allow statement:"
                + " the other names the same principals or `*`, covers all of its actions (wildcards"
                + " expanded), applies to `*` or the same resources, and has no condition that this"
                + " one lacks.",
            "The statement is dead text: removing it changes nothing, and editing it (for example"
                + " to withdraw access) has no effect while the broader statement stays.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
            "[{\"Sid\": \"Admin\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Ops\"},"
                + " \"Action\": \"kms:*\", ...}, {\"Sid\": \"Use\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Ops\"}, \"Action\": \"kms:Decrypt\", ...}]",
            "[{\"Sid\": \"Admin\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Ops\"},"
                + " \"Action\": \"kms:*\", ...}]"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      for (Statement t : policy.statements()) {
        if (t != s && strictlyContained(ctx, s, t)) {
          out.accept(
              finding(
                  ctx,
                  s,
                  s.span(),
                  "statement `"
                      + s.label()
                      + "` allows nothing that statement `"
                      + t.label()
                      + "` does not already allow",
                  "remove it, or narrow statement `" + t.label() + "` if this one was the intent",
                  null));
          break;
        }
      }
    }
  }

  /** True when Allow {@code inner} is contained in Allow {@code outer} but not the other way. */
  static boolean strictlyContained(LintContext ctx, Statement inner, Statement outer) {
    return contained(ctx, inner, outer) && !contained(ctx, outer, inner);
  }

  /** True when every request Allow {@code inner} allows, Allow {@code outer} allows too. */
  static boolean contained(LintContext ctx, Statement inner, Statement outer) {
    if (inner.effect() != Effect.ALLOW
        || outer.effect() != Effect.ALLOW
        || !inner.isComplete()
        || !outer.isComplete()
        || inner.principal().negated()
        || outer.principal().negated()) {
      return false;
    }
    ActionSet innerActions = Actions.covered(ctx, inner);
    if (innerActions.isEmpty() || !Actions.covered(ctx, outer).containsAll(innerActions)) {
      return false;
    }
    if (!principalsCovered(inner, outer) || !resourcesCovered(ctx, inner, outer)) {
      return false;
    }
    return Shape.of(ctx, inner).hasAllConditionsOf(Shape.of(ctx, outer));
  }

  private static boolean principalsCovered(Statement inner, Statement outer) {
    boolean outerAny = false;
    Set<String> outerKeys = new java.util.HashSet<>();
    for (Principal p : outer.principal().principals()) {
      outerAny |= p instanceof Principal.Any;
      outerKeys.add(Subject.key(p));
    }
    boolean any = false;
    for (Principal p : inner.principal().principals()) {
      if (p instanceof Principal.Invalid) {
        continue;
      }
      any = true;
      if (!outerAny && !outerKeys.contains(Subject.key(p))) {
        return false;
      }
    }
    return any;
  }

  private static boolean resourcesCovered(LintContext ctx, Statement inner, Statement outer) {
    if (inner.resource().negated() || outer.resource().negated()) {
      return Shape.of(ctx, inner).resources().equals(Shape.of(ctx, outer).resources());
    }
    for (Template t : outer.resource().patterns()) {
      if (t.text().equals("*")) {
        return true;
      }
    }
    return Shape.of(ctx, inner).resources().equals(Shape.of(ctx, outer).resources());
  }
}
