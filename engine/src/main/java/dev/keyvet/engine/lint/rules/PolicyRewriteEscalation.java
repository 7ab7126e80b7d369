package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP208: {@code kms:PutKeyPolicy} reachable by a principal outside the administrators ({@link
 * Admins}): the key account's root and the configured key administrators, or, until some are
 * configured, the principals the policy itself gives administrative actions.
 */
public final class PolicyRewriteEscalation extends EvaluatorRule {
  public PolicyRewriteEscalation() {
    super(
        new RuleMetadata(
            Code.KP208,
            "Policy rewrite by a non-administrator",
            "A principal outside the key's administrators can call `kms:PutKeyPolicy` (directly,"
                + " through `kms:Put*`, `kms:*` or NotAction). Administrators are the key account's"
                + " root and the configured key administrators; until some are configured, every"
                + " principal the policy names in an administrative statement, so that only `*`"
                + " and principals given PutKeyPolicy alone are reported.",
            "Whoever can replace the key policy can grant themselves every permission on the key,"
                + " including decrypting all data encrypted under it, and lock everyone else out.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "{\"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    Set<String> admins = Admins.of(ctx, policy);
    for (Statement s : Actions.allowing(ctx, policy, "PutKeyPolicy")) {
      RequestContext witness = Witness.of(ctx, s);
      Reachers.of(
          ctx,
          s,
          "PutKeyPolicy",
          witness,
          subject -> !subject.standIn() && admins.contains(Subject.key(subject.principal())),
          (subject, probe) ->
              out.accept(
                  finding(
                      ctx,
                      s,
                      subject.principal().span(),
                      Reachers.who(subject)
                          + " is not a key administrator and can call `kms:PutKeyPolicy`"
                          + Actions.through(s, "PutKeyPolicy")
                          + ", so it can rewrite this policy to grant itself anything",
                      "give `kms:PutKeyPolicy` only to the account root and named key administrators",
                      probe.evidence())));
    }
  }
}
