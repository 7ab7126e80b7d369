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
 * KP207: a principal other than an account root that can create grants without a constraint. The
 * evaluator is asked for {@code kms:CreateGrant} in a request that meets the statement's other
 * conditions but carries no grant constraint ({@code kms:GrantIsForAWSResource}, {@code
 * kms:GrantOperations}, {@code kms:GranteePrincipal}, encryption context) and does not come through
 * an AWS service ({@code kms:ViaService}).
 */
public final class UnconstrainedGrantCreation extends EvaluatorRule {
  public UnconstrainedGrantCreation() {
    super(
        new RuleMetadata(
            Code.KP207,
            "Unconstrained grant creation",
            "A user, role, service or `*` can call `kms:CreateGrant` (directly, or through"
                + " `kms:Create*`, `kms:*` or NotAction) without `kms:GrantIsForAWSResource`,"
                + " `kms:GrantOperations`/`kms:GranteePrincipal` limits, or being reachable only"
                + " through an AWS service (`kms:ViaService` with `kms:CallerAccount`, as AWS"
                + " managed keys do). Account roots are not flagged: the account's own root is the"
                + " default policy, another account's root is KP204.",
            "A grant gives its grantee use of the key without any change to the key policy, so"
                + " whoever can create grants freely can give themselves or anyone `kms:Decrypt`."
                + " The console's default key administrator statement does this through"
                + " `kms:Create*`.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/KeyAdmin\"}, \"Action\":"
                + " [\"kms:Create*\", \"kms:Put*\"], \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/KeyAdmin\"}, \"Action\":"
                + " [\"kms:CreateAlias\", \"kms:PutKeyPolicy\"], \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : Actions.allowing(ctx, policy, "CreateGrant")) {
      RequestContext witness = Witness.of(s, k -> !Witness.grantScope(k));
      Reachers.of(
          ctx,
          s,
          "CreateGrant",
          witness,
          subject -> subject.isAccountRoot(),
          (subject, probe) ->
              out.accept(
                  finding(
                      ctx,
                      s,
                      subject.principal().span(),
                      Reachers.who(subject)
                          + " can call `kms:CreateGrant`"
                          + Actions.through(s, "CreateGrant")
                          + " without a grant constraint",
                      "a grant can give anyone `kms:Decrypt`; allow `kms:CreateGrant` only with"
                          + " `\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}`, or limit"
                          + " `kms:GrantOperations` and `kms:GranteePrincipal`, and list administrative"
                          + " actions instead of `kms:Create*`",
                      probe.evidence())));
    }
  }
}
