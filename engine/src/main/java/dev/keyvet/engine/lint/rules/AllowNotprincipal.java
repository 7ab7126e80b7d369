package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/** KP205: {@code NotPrincipal} in an Allow statement. */
public final class AllowNotprincipal extends PolicyRule {
  public AllowNotprincipal() {
    super(
        new RuleMetadata(
            Code.KP205,
            "Allow with NotPrincipal",
            "An Allow statement uses `NotPrincipal`: it grants its actions to every principal in"
                + " every account except the ones listed.",
            "The list reads like an allow list but means the opposite; any identity, in any account,"
                + " that is not listed gets the access. AWS recommends never combining NotPrincipal"
                + " with Allow.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
            "{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Guest\"}, \"Action\": \"kms:Decrypt\","
                + " \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/App\"}, \"Action\": \"kms:Decrypt\","
                + " \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() == Effect.ALLOW && s.principal() != null && s.principal().negated()) {
        out.accept(
            finding(
                ctx,
                s,
                s.principal().span(),
                "`NotPrincipal` with `Allow` grants every principal except the ones listed",
                "name the principals that need access in `Principal` instead",
                null));
      }
    }
  }
}
