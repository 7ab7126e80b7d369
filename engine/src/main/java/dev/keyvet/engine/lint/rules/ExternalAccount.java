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
 * KP203: a principal, or the account or organization a condition binds {@code *} to, outside the
 * trusted set (the key's account, the configured trusted accounts and organizations), confirmed by
 * asking the evaluator what that caller may do. An unconditioned {@code *} is KP201/KP202, not
 * this.
 */
public final class ExternalAccount extends EvaluatorRule {
  public ExternalAccount() {
    super(
        new RuleMetadata(
            Code.KP203,
            "External account",
            "A statement lets a principal of an account outside the trusted set use the key: an"
                + " account, user or role of another account, or `*` bound by `kms:CallerAccount`,"
                + " `aws:PrincipalAccount`, `aws:PrincipalArn` or `aws:PrincipalOrgID` to an"
                + " untrusted account or organization. The trusted set is the key's account plus"
                + " the configured trusted accounts and organizations.",
            "Data encrypted under the key can be decrypted from another account, whose own IAM"
                + " policies then decide who there may do so. Intended sharing should be declared"
                + " in the configuration so that new sharing stands out.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\":"
                + " \"kms:Decrypt\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\":"
                + " \"kms:Decrypt\", \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || !s.isComplete()) {
        continue;
      }
      RequestContext witness = Witness.of(ctx, s);
      List<String> actions = Actions.ordered(ctx, s);
      Set<String> reported = new HashSet<>();
      for (Subject subject : Subject.of(ctx, s)) {
        if (!subject.bound() || !Trust.external(ctx, subject)) {
          continue;
        }
        String who = subject.who();
        if (reported.contains(who)) {
          continue;
        }
        for (String action : actions) {
          Probe probe = Probe.ask(ctx, subject, action, witness);
          if (probe.allowedBy(s)) {
            reported.add(who);
            out.accept(
                finding(
                    ctx,
                    s,
                    Trust.span(s, subject),
                    who
                        + " can use this key (`"
                        + Actions.qualified(action)
                        + "`), and "
                        + (subject.org() != null && subject.standIn()
                            ? "organization `" + subject.org() + "`"
                            : "account `" + subject.account() + "`")
                        + " is not trusted",
                    "if this sharing is intended, add the account or organization to the trusted"
                        + " set in the keyvet configuration; otherwise remove it",
                    probe.evidence()));
            break;
          }
        }
      }
    }
  }
}
