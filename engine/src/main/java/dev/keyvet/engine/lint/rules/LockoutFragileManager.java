package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * KP211: the only principals that can call {@code kms:PutKeyPolicy} are individual IAM users or
 * roles; the key account's root cannot.
 */
public final class LockoutFragileManager extends EvaluatorRule {
  public LockoutFragileManager() {
    super(
        new RuleMetadata(
            Code.KP211,
            "Key managed only by individual identities",
            "The evaluator finds that `kms:PutKeyPolicy` is open only to named IAM users, roles or"
                + " sessions; the key account's root cannot call it (and neither can `*`).",
            "Deleting or renaming those identities (a re-created role does not match) leaves"
                + " nobody able to manage the key; with the account root in the policy, IAM can"
                + " always restore access.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/admin\"}, \"Action\":"
                + " \"kms:*\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\":"
                + " \"kms:*\", \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    if (Probe.unresolvedPrincipals(ctx)
        || Probe.ask(ctx, Subject.root(ctx), "PutKeyPolicy", RequestContext.EMPTY).allowed()) {
      return;
    }
    Map<String, Probe> holders = new LinkedHashMap<>();
    Map<String, Statement> where = new LinkedHashMap<>();
    Map<String, Subject> who = new LinkedHashMap<>();
    for (Statement s : Actions.allowing(ctx, policy, "PutKeyPolicy")) {
      RequestContext witness = Witness.of(ctx, s);
      for (Subject subject : Subject.of(ctx, s)) {
        Probe probe = Probe.ask(ctx, subject, "PutKeyPolicy", witness);
        if (!probe.allowed()) {
          continue;
        }
        if (subject.standIn() || !Subject.isIdentity(subject.principal())) {
          return;
        }
        if (!holders.containsKey(subject.caller())) {
          holders.put(subject.caller(), probe);
          where.put(subject.caller(), s);
          who.put(subject.caller(), subject);
        }
      }
    }
    if (holders.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (String caller : holders.keySet()) {
      names.add("`" + caller + "`");
    }
    String first = holders.keySet().iterator().next();
    Statement s = where.get(first);
    out.accept(
        finding(
            ctx,
            s,
            who.get(first).principal().span(),
            "only "
                + Actions.list(names, 2)
                + " can call `kms:PutKeyPolicy`; if "
                + (names.size() == 1 ? "that identity is" : "those identities are")
                + " deleted, nobody can manage this key",
            "also allow the key account's root (`"
                + Subject.root(ctx)
                + "`), so that IAM can restore access",
            holders.get(first).evidence()));
  }
}
