package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * KP213: an Allow to a service principal without a condition that ties the service's call to the
 * key owner's resources ({@code aws:SourceAccount}, {@code aws:SourceArn}, {@code aws:SourceOrgID},
 * {@code aws:SourceOrgPaths}) or to an encryption context. Reported by the statement's text, also
 * where the evaluator cannot judge the policy; where it can, it supplies the request that proves
 * the statement applies.
 */
public final class ServicePrincipalUnscoped extends PolicyRule {
  public ServicePrincipalUnscoped() {
    super(
        new RuleMetadata(
            Code.KP213,
            "Service principal without source scoping",
            "An Allow names a service principal (`s3.amazonaws.com`, `logs.amazonaws.com`, ...)"
                + " without an `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID` or"
                + " `kms:EncryptionContext:...` condition that ties the call to this account's"
                + " resources.",
            "The service acts for every customer: without source scoping, any customer's resource"
                + " in that service can make it use this key (the confused deputy problem).",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
            "{\"Principal\": {\"Service\": \"s3.amazonaws.com\"}, \"Action\":"
                + " \"kms:GenerateDataKey\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"Service\": \"s3.amazonaws.com\"}, \"Action\":"
                + " \"kms:GenerateDataKey\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\":"
                + " {\"aws:SourceAccount\": \"111122223333\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW
          || s.principal() == null
          || s.principal().negated()
          || s.action() == null
          || scoped(s)) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (p instanceof Principal.Service svc) {
          out.accept(
              finding(
                  ctx,
                  s,
                  p.span(),
                  "service principal `"
                      + svc.name()
                      + "` is allowed without `aws:SourceAccount`, `aws:SourceArn` or an"
                      + " encryption-context condition",
                  "add `aws:SourceAccount` (or `aws:SourceArn`) naming this account's resources, so"
                      + " that other customers' resources cannot make the service use this key",
                  proof(ctx, s, svc)));
        }
      }
    }
  }

  /** True when a condition ties the call to a source resource or an encryption context. */
  static boolean scoped(Statement s) {
    for (Condition c : s.conditions()) {
      String key = Guards.key(c);
      if (Guards.SOURCE_KEYS.contains(key) && Guards.binds(c)) {
        return true;
      }
      if (key.startsWith("kms:encryptioncontext") && Guards.requiresMatch(c)) {
        return true;
      }
    }
    return false;
  }

  /** The evaluator's confirmation that the service may act with no source given, or null. */
  private static Finding.Evidence proof(LintContext ctx, Statement s, Principal.Service svc) {
    if (!Probe.usable(ctx) || !s.isComplete()) {
      return null;
    }
    RequestContext witness = Witness.of(s, k -> !Witness.onBehalf(k));
    for (String action : Actions.ordered(ctx, s)) {
      Probe probe = Probe.ask(ctx, svc.name(), action, witness);
      if (probe.allowedBy(s)) {
        return probe.evidence();
      }
    }
    return null;
  }
}
