package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * KP210: nobody can call {@code kms:PutKeyPolicy}. The evaluator is asked for the key account's
 * root and for every principal of every statement that lists PutKeyPolicy; dead statements (no
 * Resource, another resource, a condition no request meets, a Deny) give nobody the action. Not
 * drawn for a bare list of statements, nor while principals are unrendered placeholders.
 */
public final class LockoutNoManager extends EvaluatorRule {
  public LockoutNoManager() {
    super(
        new RuleMetadata(
            Code.KP210,
            "Nobody can manage the key",
            "After evaluation no principal can call `kms:PutKeyPolicy`: no statement allows it, or"
                + " only statements that never apply (no Resource, another resource, a condition"
                + " no request meets) or that a Deny overrides. AWS managed keys are like this by"
                + " design.",
            "Nobody can ever change the key policy again, so access can be neither granted nor"
                + " withdrawn; recovering a customer managed key needs AWS Support.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "{\"Statement\": [{\"Principal\": \"*\", \"Action\": \"kms:Decrypt\", \"Condition\":"
                + " {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-exampleorgid\"}}, ...}]}",
            "{\"Statement\": [{\"Sid\": \"Enable IAM policies\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", \"Resource\":"
                + " \"*\"}, ...]}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    if (Probe.unresolvedPrincipals(ctx)) {
      return;
    }
    Probe root = Probe.ask(ctx, Subject.root(ctx), "PutKeyPolicy", RequestContext.EMPTY);
    if (root.allowed()) {
      return;
    }
    for (Statement s : Actions.allowing(ctx, policy, "PutKeyPolicy")) {
      RequestContext witness = Witness.of(ctx, s);
      for (Subject subject : Subject.of(ctx, s)) {
        if (Probe.ask(ctx, subject, "PutKeyPolicy", witness).allowed()) {
          return;
        }
      }
    }
    out.accept(
        finding(
            ctx,
            null,
            policy.span(),
            "no principal can call `kms:PutKeyPolicy`, so this key policy can never be changed"
                + " again",
            "allow the key account's root `kms:*` (the default key policy statement), or give"
                + " a key administrator `kms:PutKeyPolicy`; an AWS managed key is like this by"
                + " design and can be suppressed",
            root.evidence()));
  }
}
