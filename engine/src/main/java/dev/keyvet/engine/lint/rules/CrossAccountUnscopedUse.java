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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP218: cryptographic use of the key for a principal of another account, or for {@code *} bound to
 * an account or organization, with neither {@code kms:ViaService} nor an encryption-context
 * condition. The evaluator is asked for the use in a request that comes through no service and
 * carries no encryption context. An unconditioned {@code *} is KP201 instead.
 */
public final class CrossAccountUnscopedUse extends EvaluatorRule {
  public CrossAccountUnscopedUse() {
    super(
        new RuleMetadata(
            Code.KP218,
            "Unscoped use across accounts",
            "A principal of another account, or `*` bound to an account or organization, may use the"
                + " key (Decrypt, Encrypt, GenerateDataKey, Sign, ...) from anywhere: no"
                + " `kms:ViaService` or `kms:EncryptionContext:...` condition narrows the use.",
            "Every principal the other account's IAM allows can decrypt directly, with any"
                + " encryption context; scoping to the service and context the sharing is for keeps"
                + " a leaked credential from decrypting everything.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\":"
                + " \"kms:Decrypt\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\":"
                + " \"kms:Decrypt\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\":"
                + " {\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || !s.isComplete()) {
        continue;
      }
      RequestContext witness = Witness.of(s, k -> !Witness.useScope(k));
      Set<Principal> reported = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Subject subject : Subject.of(ctx, s)) {
        boolean many = subject.standIn() && subject.bound();
        if (reported.contains(subject.principal())
            || !(many || (!subject.standIn() && Trust.external(ctx, subject)))) {
          continue;
        }
        for (String action : Actions.SENSITIVE_USE) {
          if (!Actions.covers(ctx, s, action)) {
            continue;
          }
          Probe probe = Probe.ask(ctx, subject, action, witness);
          if (probe.allowedBy(s)) {
            reported.add(subject.principal());
            out.accept(
                finding(
                    ctx,
                    s,
                    subject.principal().span(),
                    (many ? "`*`, " + subject.who() + "," : subject.who())
                        + " can call `"
                        + Actions.qualified(action)
                        + "` directly and with any encryption context",
                    "scope the use with `kms:ViaService` (the service the sharing is for) or"
                        + " `kms:EncryptionContext:...` conditions",
                    probe.evidence()));
            break;
          }
        }
      }
    }
  }
}
