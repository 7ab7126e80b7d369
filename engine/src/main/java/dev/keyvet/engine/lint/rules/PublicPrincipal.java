package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/** KP201: an Allow to {@code *} with no condition at all. */
public final class PublicPrincipal extends PolicyRule {
  public PublicPrincipal() {
    super(
        new RuleMetadata(
            Code.KP201,
            "Public principal",
            "An Allow statement names `*` (or {\"AWS\": \"*\"}) as principal and has no condition, so"
                + " it applies to every AWS identity in every account. A `*` that conditions limit"
                + " is checked by KP202 (weak guard) and KP203 (external account) instead.",
            "Anyone with AWS credentials can use the key for the listed actions; in the key's own"
                + " account not even an IAM policy is needed. With `kms:*` they can also rewrite the"
                + " policy.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:Decrypt\","
                + " \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:Decrypt\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"kms:CallerAccount\":"
                + " \"111122223333\", \"kms:ViaService\": \"ec2.us-east-1.amazonaws.com\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW
          || !s.isComplete()
          || s.principal().negated()
          || !s.conditions().isEmpty()
          || Actions.keyActions(ctx, s).isEmpty()) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (p instanceof Principal.Any) {
          out.accept(
              finding(
                  ctx,
                  s,
                  p.span(),
                  "`*` is allowed "
                      + Actions.summary(s.action())
                      + " with no condition, so any identity in any AWS account can use this key",
                  "name the principals, or limit `*` with `kms:CallerAccount` (plus `kms:ViaService`"
                      + " for AWS services) or `aws:PrincipalOrgID`",
                  null));
        }
      }
    }
  }
}
