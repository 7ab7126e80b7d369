package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * KP212: the key account's root is allowed nothing, so the account's IAM policies have no effect on
 * the key. Every statement that could cover the root (its account principal, or {@code *}) is asked
 * about, each under its own conditions.
 */
public final class IamDelegationMissing extends EvaluatorRule {
  public IamDelegationMissing() {
    super(
        new RuleMetadata(
            Code.KP212,
            "No delegation to IAM",
            "The key account's root (the account principal, `arn:aws:iam::ACCOUNT:root`) is allowed"
                + " no action on the key: no statement names it, or the one that does never applies.",
            "IAM policies in the key's account then have no effect on the key, so administrators"
                + " cannot repair access through IAM and IAM Access Analyzer cannot read the key.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam",
            "{\"Statement\": [{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Admin\"},"
                + " \"Action\": \"kms:*\", \"Resource\": \"*\"}]}",
            "{\"Statement\": [{\"Sid\": \"Enable IAM policies\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", \"Resource\":"
                + " \"*\"}, ...]}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    if (Probe.unresolvedPrincipals(ctx)) {
      return;
    }
    String root = Subject.root(ctx);
    Statement naming = null;
    Principal entry = null;
    Probe first = null;
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || !s.isComplete() || s.principal().negated()) {
        continue;
      }
      Principal covering = rootEntry(ctx, s);
      if (covering == null) {
        continue;
      }
      if (naming == null && covering instanceof Principal.Account) {
        naming = s;
        entry = covering;
      }
      RequestContext witness = Witness.of(s, k -> !Witness.onBehalf(k));
      for (String action : Actions.ordered(ctx, s)) {
        Probe probe = Probe.ask(ctx, root, action, witness);
        if (probe.allowed()) {
          return;
        }
        first = first == null ? probe : first;
      }
    }
    if (first == null) {
      first = Probe.ask(ctx, root, "DescribeKey", RequestContext.EMPTY);
    }
    String who = "the key account's root" + (ctx.keyAccountKnown() ? " `" + root + "`" : "");
    SourceSpan span = entry != null ? entry.span() : policy.span();
    String message =
        naming != null
            ? who
                + " is named but allowed nothing: statement `"
                + naming.label()
                + "` never applies, so IAM policies in the account have no effect on this key"
            : who
                + " is allowed nothing, so IAM policies in the account have no effect on this key";
    out.accept(
        finding(
            ctx,
            naming,
            span,
            message,
            "add the default statement that allows the account root `kms:*` with `Resource: \"*\"`",
            first.evidence()));
  }

  /** The entry of {@code s} that covers the key account's root, or null. */
  private static Principal rootEntry(LintContext ctx, Statement s) {
    for (Principal p : s.principal().principals()) {
      if (p instanceof Principal.Any || Subject.isKeyRoot(ctx, p)) {
        return p;
      }
    }
    return null;
  }
}
