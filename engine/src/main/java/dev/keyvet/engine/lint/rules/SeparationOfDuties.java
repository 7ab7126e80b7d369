package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * KP301: one named user or role both administers the key (the evaluator lets it call {@code
 * kms:PutKeyPolicy}, {@code kms:ScheduleKeyDeletion}, or {@code kms:CreateGrant} without a
 * constraint) and uses it: the evaluator lets it decrypt, encrypt, sign or generate MACs through a
 * statement that names it or {@code *}, or a statement names it with such an action even if that
 * statement is broken.
 */
public final class SeparationOfDuties extends EvaluatorRule {
  private static final List<String> ADMINISTER =
      List.of("PutKeyPolicy", "ScheduleKeyDeletion", "CreateGrant");

  public SeparationOfDuties() {
    super(
        new RuleMetadata(
            Code.KP301,
            "Administrator also uses the key",
            "One IAM user or role other than an account root can both administer the key"
                + " (`kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`, or `kms:CreateGrant` without a"
                + " grant constraint) and use it (`kms:Decrypt`, `kms:Encrypt`, `kms:Sign`,"
                + " `kms:GenerateMac`, ...). Use is also counted where a statement names the identity"
                + " with use actions but is itself broken, since an administrator can repair it.",
            "Key administrators and key users are separate roles in the console's default policy"
                + " for a reason: when one identity holds both, compromising it compromises the data"
                + " and the controls over it.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html",
            "[{\"Sid\": \"Admins\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Ops\"}, \"Action\": \"kms:PutKeyPolicy\", ...},"
                + " {\"Sid\": \"Users\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/Ops\"}, \"Action\": \"kms:Decrypt\", ...}]",
            "[{\"Sid\": \"Admins\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/KeyAdmin\"}, \"Action\": \"kms:PutKeyPolicy\","
                + " ...}, {\"Sid\": \"Users\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/App\"}, \"Action\": \"kms:Decrypt\", ...}]"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    Map<String, Subject> identities = new LinkedHashMap<>();
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || s.principal() == null || s.principal().negated()) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (Subject.isIdentity(p)) {
          for (Subject subject : Subject.of(ctx, s, p)) {
            identities.putIfAbsent(subject.caller(), subject);
          }
        }
      }
    }
    for (Subject subject : identities.values()) {
      Probe admin = administers(ctx, policy, subject);
      if (admin == null) {
        continue;
      }
      String use = uses(ctx, policy, subject);
      if (use == null) {
        continue;
      }
      Principal entry = entryIn(admin.statement(), subject);
      out.accept(
          finding(
              ctx,
              admin.statement(),
              entry != null ? entry.span() : admin.statement().span(),
              "`"
                  + subject.caller()
                  + "` can both administer this key (`"
                  + Actions.qualified(admin.action())
                  + "`) and use it (`"
                  + Actions.qualified(use)
                  + "`)",
              "give administration and use to different roles, as the console's key administrators"
                  + " and key users statements do",
              admin.evidence()));
    }
  }

  /** The first administrative action a statement naming {@code subject} gives it, or null. */
  private static Probe administers(LintContext ctx, PolicyDocument policy, Subject subject) {
    for (String action : ADMINISTER) {
      for (Statement s : Actions.allowing(ctx, policy, action)) {
        if (entryIn(s, subject) == null) {
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
    }
    return null;
  }

  /** A use of the key the policy gives {@code subject}, or null. */
  private static String uses(LintContext ctx, PolicyDocument policy, Subject subject) {
    for (String action : Actions.SENSITIVE_USE) {
      for (Statement s : policy.statements()) {
        if (s.effect() != Effect.ALLOW || !Actions.covers(ctx, s, action)) {
          continue;
        }
        boolean names = entryIn(s, subject) != null;
        if (names && !s.isComplete()) {
          return action;
        }
        if ((names || hasAny(s)) && s.isComplete()) {
          Probe probe = Probe.ask(ctx, subject, action, Witness.of(ctx, s));
          if (probe.allowedDirectly(subject)) {
            return action;
          }
        }
      }
    }
    return null;
  }

  /** The entry of {@code s} naming the subject's principal, or null. */
  private static Principal entryIn(Statement s, Subject subject) {
    if (s == null || s.principal() == null || s.principal().negated()) {
      return null;
    }
    String key = Subject.key(subject.principal());
    for (Principal p : s.principal().principals()) {
      if (Subject.key(p).equals(key)) {
        return p;
      }
    }
    return null;
  }

  private static boolean hasAny(Statement s) {
    if (s.principal() == null || s.principal().negated()) {
      return false;
    }
    for (Principal p : s.principal().principals()) {
      if (p instanceof Principal.Any) {
        return true;
      }
    }
    return false;
  }
}
