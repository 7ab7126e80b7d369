package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP204: a principal outside the trusted set that can administer the key: create grants without a
 * constraint, or (where the evaluator says it can) change the policy, schedule deletion or disable
 * the key.
 */
public final class ExternalAdmin extends EvaluatorRule {
  private static final List<String> ADMIN =
      List.of("CreateGrant", "PutKeyPolicy", "ScheduleKeyDeletion", "DisableKey");

  public ExternalAdmin() {
    super(
        new RuleMetadata(
            Code.KP204,
            "External administrator",
            "A principal of an account outside the trusted set can administer the key: create"
                + " grants without `kms:GrantIsForAWSResource` or another grant constraint, or call"
                + " `kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion` or `kms:DisableKey`. The evaluator"
                + " decides which of these work across accounts: PutKeyPolicy, ScheduleKeyDeletion"
                + " and DisableKey never do, CreateGrant does.",
            "A grant needs no key-policy change: the other account can give itself, or anyone,"
                + " `kms:Decrypt` on the key, beyond what the policy shows.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\":"
                + " [\"kms:Decrypt\", \"kms:CreateGrant\"], \"Resource\": \"*\", \"Condition\":"
                + " {\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || !s.isComplete()) {
        continue;
      }
      Set<String> reported = new HashSet<>();
      for (Subject subject : Subject.of(ctx, s)) {
        if (!subject.bound() || !Trust.external(ctx, subject)) {
          continue;
        }
        String who = subject.who();
        Probe probe = reachable(ctx, s, subject);
        if (probe == null || !reported.add(who)) {
          continue;
        }
        boolean grant = probe.action().equals("CreateGrant");
        out.accept(
            finding(
                ctx,
                s,
                Trust.span(s, subject),
                who
                    + " of an untrusted account can call `"
                    + Actions.qualified(probe.action())
                    + "`"
                    + Actions.through(s, probe.action())
                    + (grant
                        ? " without a grant constraint, and so give itself or anyone use of this key"
                        : " on this key"),
                grant
                    ? "add `\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}` so it can create"
                        + " grants only for AWS services, or give it only the use actions it needs"
                    : "give the other account only the use actions it needs",
                probe.evidence()));
      }
    }
  }

  /** The first administrative action {@code subject} gets from {@code s}, or null. */
  private static Probe reachable(LintContext ctx, Statement s, Subject subject) {
    for (String action : ADMIN) {
      if (!Actions.covers(ctx, s, action)) {
        continue;
      }
      RequestContext witness =
          action.equals("CreateGrant")
              ? Witness.of(s, k -> !Witness.grantScope(k))
              : Witness.of(ctx, s);
      Probe probe = Probe.ask(ctx, subject, action, witness);
      if (probe.allowedBy(s)) {
        return probe;
      }
    }
    return null;
  }
}
