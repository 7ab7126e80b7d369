package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP202: {@code *} guarded only by conditions that do not bind the caller's account or
 * organization, confirmed by asking the evaluator whether a caller from an unrelated account (or an
 * AWS service calling as itself) meets them.
 */
public final class WeakStarGuard extends EvaluatorRule {
  /** An AWS service acting as itself, for guards that only an IAM identity fails. */
  static final String SERVICE = "sns.amazonaws.com";

  public WeakStarGuard() {
    super(
        new RuleMetadata(
            Code.KP202,
            "Weak guard on *",
            "An Allow to `*` has conditions, but none of them binds the caller's account or"
                + " organization: only `kms:ViaService`, only an encryption context, an `...IfExists`"
                + " or negated test, `aws:SourceIp`. The evaluator confirms that a caller from an"
                + " unrelated account, or an AWS service acting as itself, meets them.",
            "The statement looks guarded and is not: any AWS customer can call through the named"
                + " service or choose the encryption context. AWS managed keys pair"
                + " `kms:ViaService` with `kms:CallerAccount` for this reason.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
            "{\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:Decrypt\", \"Condition\":"
                + " {\"StringEquals\": {\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\"}}}",
            "{\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:Decrypt\", \"Condition\":"
                + " {\"StringEquals\": {\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\","
                + " \"kms:CallerAccount\": \"111122223333\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW
          || !s.isComplete()
          || s.principal().negated()
          || s.conditions().isEmpty()
          || !Guards.bindings(s).isEmpty()) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (!(p instanceof Principal.Any)) {
          continue;
        }
        Probe proof = outsiderProof(ctx, s);
        if (proof != null) {
          out.accept(
              finding(
                  ctx,
                  s,
                  p.span(),
                  "`*` is guarded only by " + keys(s) + " the caller's account or organization",
                  "add `kms:CallerAccount` or `aws:PrincipalOrgID` (AWS managed keys pair"
                      + " `kms:ViaService` with `kms:CallerAccount`), or name the principals",
                  proof.evidence()));
        }
      }
    }
  }

  /**
   * A caller outside the key's account that the statement lets in, or null. Besides a role and a
   * service, the outsiders tried include the identities that role-name or user-name conditions
   * describe, created in an unrelated account: a name alone binds no account.
   */
  private static Probe outsiderProof(LintContext ctx, Statement s) {
    RequestContext witness = Witness.of(ctx, s);
    for (String caller : outsiders(s)) {
      for (String action : Actions.ordered(ctx, s)) {
        Probe probe = Probe.ask(ctx, caller, action, witness);
        if (probe.allowedBy(s)) {
          return probe;
        }
      }
    }
    return null;
  }

  /** The outsiders to try: named after the statement's identity conditions, then stand-ins. */
  private static List<String> outsiders(Statement s) {
    List<String> out = new ArrayList<>();
    for (Condition c : s.conditions()) {
      String key = Guards.key(c);
      if (!Guards.requiresMatch(c) || c.values().isEmpty()) {
        continue;
      }
      String value = c.values().get(0).text().replace('*', 'x').replace('?', 'x');
      if (key.equals(Guards.PRINCIPAL_ARN)) {
        String[] parts = Arn.splitParts(value);
        if (parts != null) {
          out.add("arn:aws:iam::999999999999:" + parts[5]);
        }
      } else if (key.equals("aws:username")) {
        out.add("arn:aws:iam::999999999999:user/" + value);
      }
    }
    out.add(Subject.OUTSIDER);
    out.add(SERVICE);
    return out;
  }

  /** The condition keys, then {@code which does not limit} or {@code none of which limits}. */
  private static String keys(Statement s) {
    Set<String> keys = new LinkedHashSet<>();
    for (Condition c : s.conditions()) {
      keys.add("`" + c.key().value() + "`");
    }
    return Actions.list(new ArrayList<>(keys), 3)
        + (keys.size() == 1 ? ", which does not limit" : ", none of which limits");
  }
}
