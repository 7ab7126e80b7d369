package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CallerType;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP404: an Allow whose every request an explicit Deny refuses. The evaluator is asked, for every
 * principal of the Allow and every action it lists, under the Allow's own conditions; each answer
 * must be an explicit deny by a Deny whose conditions are sure to hold whenever the Allow applies:
 * conditions on what the caller's identity fixes, or conditions the Allow itself has. A Deny that
 * depends on anything else (network, time, request parameters) refuses only some requests.
 */
public final class ShadowedAllow extends EvaluatorRule {
  /** Keys the evaluator derives from the caller, so that their test is exact for a named caller. */
  private static final Set<String> DERIVED =
      Set.of(
          "kms:calleraccount",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principaltype",
          "aws:principalisawsservice",
          "aws:principalservicename",
          "aws:username");

  /** Keys a service principal acting as itself never carries. */
  private static final Set<String> NEVER_ON_SERVICE_CALLS =
      Set.of(
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:userid",
          "aws:username",
          "kms:calleraccount",
          "aws:principalaccount",
          "aws:principalarn");

  public ShadowedAllow() {
    super(
        new RuleMetadata(
            Code.KP404,
            "Allow shadowed by a deny",
            "Every request an Allow statement allows is refused by an explicit Deny: the evaluator"
                + " denies each of its principals each of its actions, through a Deny whose"
                + " conditions hold whenever the Allow applies.",
            "The permission is dead, and usually a misunderstanding: for example a Deny on `*`"
                + " unless `aws:PrincipalAccount` matches also refuses service principals, which"
                + " carry no account.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
            "[{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"logs.amazonaws.com\"}, ...},"
                + " {\"Effect\": \"Deny\", \"Principal\": \"*\", ..., \"Condition\":"
                + " {\"StringNotEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}}}]",
            "[{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"logs.amazonaws.com\"}, ...},"
                + " {\"Effect\": \"Deny\", \"Principal\": \"*\", ..., \"Condition\":"
                + " {\"StringNotEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}, \"Bool\":"
                + " {\"aws:PrincipalIsAWSService\": \"false\"}}}]"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    boolean anyDeny = false;
    for (Statement s : policy.statements()) {
      anyDeny |= s.effect() == Effect.DENY;
    }
    if (!anyDeny) {
      return;
    }
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || !s.isComplete() || s.principal().negated()) {
        continue;
      }
      Probe proof = shadowed(ctx, s);
      if (proof != null) {
        out.accept(
            finding(
                ctx,
                s,
                s.span(),
                "every request statement `"
                    + s.label()
                    + "` allows is denied by statement `"
                    + proof.statement().label()
                    + "`",
                "remove the allow, or exempt its principals in the deny",
                proof.evidence()));
      }
    }
  }

  /** The first refusal when every request of {@code allow} is refused, else null. */
  private static Probe shadowed(LintContext ctx, Statement allow) {
    List<String> actions = Actions.keyActions(ctx, allow);
    List<Subject> subjects = Subject.of(ctx, allow);
    if (actions.isEmpty() || subjects.isEmpty()) {
      return null;
    }
    RequestContext witness = Witness.of(ctx, allow);
    Probe first = null;
    for (Subject subject : subjects) {
      for (String action : actions) {
        Probe probe = Probe.ask(ctx, subject, action, witness);
        if (probe.notCrossAccount()) {
          continue;
        }
        if (!probe.explicitlyDenied() || !certain(ctx, allow, probe.statement(), subject)) {
          return null;
        }
        first = first == null ? probe : first;
      }
    }
    return first;
  }

  /** True when Deny {@code deny} holds for every request of {@code allow} by {@code subject}. */
  private static boolean certain(
      LintContext ctx, Statement allow, Statement deny, Subject subject) {
    if (deny == null) {
      return false;
    }
    boolean service = isService(subject.caller());
    if (subject.standIn()) {
      if (!named(deny, Principal.Any.class)) {
        return false;
      }
    }
    Shape allowShape = Shape.of(ctx, allow);
    Shape denyShape = Shape.of(ctx, deny);
    for (Condition c : deny.conditions()) {
      String key = Guards.key(c);
      boolean fixed =
          !subject.standIn()
              && (DERIVED.contains(key) || (service && NEVER_ON_SERVICE_CALLS.contains(key)));
      String id = Shape.conditionKey(c);
      boolean shared =
          Objects.equals(allowShape.conditions().get(id), denyShape.conditions().get(id));
      if (!fixed && !shared) {
        return false;
      }
    }
    return true;
  }

  private static boolean named(Statement s, Class<? extends Principal> type) {
    if (s.principal() == null || s.principal().negated()) {
      return false;
    }
    for (Principal p : s.principal().principals()) {
      if (type.isInstance(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isService(String caller) {
    try {
      return Caller.parse(caller).type() == CallerType.SERVICE;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
