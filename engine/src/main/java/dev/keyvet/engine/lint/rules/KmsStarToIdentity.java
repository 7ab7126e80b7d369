package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.Wildcards;
import java.util.function.Consumer;

/**
 * KP214: {@code kms:*}, or a wildcard that covers both administration and use, given to a named
 * user or role rather than to the account.
 */
public final class KmsStarToIdentity extends PolicyRule {
  public KmsStarToIdentity() {
    super(
        new RuleMetadata(
            Code.KP214,
            "All KMS actions to a user or role",
            "An Allow statement gives an IAM user, role or session every KMS action through `kms:*`"
                + " (or a wildcard covering both `kms:PutKeyPolicy` and `kms:Decrypt`). The account"
                + " root with `kms:*` is the default key policy and is not flagged.",
            "One identity then both administers and uses the key, and receives every action AWS"
                + " adds later; compromise of that identity is compromise of the key and its data.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Admin\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Admin\"}, \"Action\": [\"kms:PutKeyPolicy\","
                + " \"kms:DescribeKey\", \"kms:EnableKeyRotation\"], \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW
          || s.principal() == null
          || s.principal().negated()
          || s.action() == null
          || s.action().negated()) {
        continue;
      }
      Text star = everything(s);
      if (star == null) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (Subject.isIdentity(p)) {
          out.accept(
              finding(
                  ctx,
                  s,
                  p.span(),
                  "`" + p.text() + "` is given every KMS action through `" + star.value() + "`",
                  "give the account root `kms:*` and this identity only the actions its job needs:"
                      + " administration or use, not both",
                  null));
        }
      }
    }
  }

  /** The wildcard of {@code s} that covers both PutKeyPolicy and Decrypt, or null. */
  private static Text everything(Statement s) {
    for (Text t : s.action().patterns()) {
      if (Wildcards.hasWildcard(t.value())
          && Actions.matches(t.value(), "PutKeyPolicy")
          && Actions.matches(t.value(), "Decrypt")) {
        return t;
      }
    }
    return null;
  }
}
