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
 * KP209: a principal other than the key account's root can call {@code kms:PutKeyPolicy} with
 * {@code BypassPolicyLockoutSafetyCheck} set, because no Deny stops the bypass. The evaluator is
 * asked with {@code kms:BypassPolicyLockoutSafetyCheck = true} in the request.
 */
public final class LockoutBypassAllowed extends EvaluatorRule {
  static final String BYPASS = "kms:BypassPolicyLockoutSafetyCheck";

  public LockoutBypassAllowed() {
    super(
        new RuleMetadata(
            Code.KP209,
            "Lockout safety check can be bypassed",
            "A principal other than the key account's root can call `kms:PutKeyPolicy` (directly,"
                + " through `kms:Put*`, `kms:*` or NotAction) with the lockout safety check bypassed:"
                + " no Deny refuses `kms:BypassPolicyLockoutSafetyCheck` = true. An Allow with a"
                + " `Null` guard on that key limits nothing while another statement allows"
                + " PutKeyPolicy.",
            "With the bypass, that principal can install a policy that nobody, itself included, can"
                + " change again; recovering the key then needs AWS Support.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
            "{\"Sid\": \"Key administrators\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/KeyAdmin\"}, \"Action\": \"kms:Put*\", ...}",
            "{\"Sid\": \"Deny lockout bypass\", \"Effect\": \"Deny\", \"Principal\": \"*\","
                + " \"Action\": \"kms:PutKeyPolicy\", \"Resource\": \"*\", \"Condition\":"
                + " {\"Bool\": {\"kms:BypassPolicyLockoutSafetyCheck\": \"true\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : Actions.allowing(ctx, policy, "PutKeyPolicy")) {
      RequestContext witness =
          Witness.of(s, k -> !k.equals("kms:bypasspolicylockoutsafetycheck")).toBuilder()
              .put(BYPASS, "true")
              .build();
      Reachers.of(
          ctx,
          s,
          "PutKeyPolicy",
          witness,
          subject -> Subject.isKeyRoot(ctx, subject.principal()),
          (subject, probe) ->
              out.accept(
                  finding(
                      ctx,
                      s,
                      subject.principal().span(),
                      Reachers.who(subject)
                          + " can call `kms:PutKeyPolicy`"
                          + Actions.through(s, "PutKeyPolicy")
                          + " with the lockout safety check bypassed; no statement denies the bypass",
                      "add a statement that denies `kms:PutKeyPolicy` to `*` when `"
                          + BYPASS
                          + "` is `true`; an Allow with a `Null` guard does not stop another Allow",
                      probe.evidence())));
    }
  }
}
