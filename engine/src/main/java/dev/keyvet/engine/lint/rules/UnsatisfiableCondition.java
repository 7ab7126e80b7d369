package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.TypedValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP406: a condition that can never hold for any action the statement lists, so the statement never
 * applies: it needs a key none of the actions carries, a key a service principal's own calls never
 * carry ({@code kms:ViaService}), or a key that another condition requires to be absent.
 */
public final class UnsatisfiableCondition extends PolicyRule {
  /** Keys present only when an AWS service calls on a user's behalf, never on its own calls. */
  private static final Set<String> ON_BEHALF_KEYS =
      Set.of("kms:viaservice", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast");

  public UnsatisfiableCondition() {
    super(
        new RuleMetadata(
            Code.KP406,
            "Condition that can never hold",
            "A condition of a statement can never be true for any action the statement lists: it"
                + " requires a condition key that none of those actions carries (an encryption"
                + " context on `kms:DescribeKey`), `kms:ViaService` on a statement for service"
                + " principals (a service calling as itself never carries it), or a key that a"
                + " `Null` test in the same statement requires to be absent. The statement is"
                + " dead. A key missing for only some of the actions is KP113.",
            "The statement looks like it grants (or denies) something and does not; whoever relies"
                + " on it is locked out, or the deny it was meant to add does not exist.",
            "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html",
            "{\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"kms:Decrypt\","
                + " \"Condition\": {\"StringEquals\": {\"kms:ViaService\":"
                + " \"ec2.us-east-1.amazonaws.com\"}}}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\":"
                + " \"kms:Decrypt\", \"Condition\": {\"StringEquals\": {\"kms:ViaService\":"
                + " \"ec2.us-east-1.amazonaws.com\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.action() == null || s.action().negated() || s.conditions().isEmpty()) {
        continue;
      }
      List<String> actions = Actions.covered(ctx, s).names();
      if (actions.isEmpty()) {
        continue;
      }
      for (Condition c : s.conditions()) {
        String why = never(s, c, actions);
        if (why != null) {
          out.accept(
              finding(
                  ctx,
                  s,
                  c.span(),
                  why + ", so statement `" + s.label() + "` never applies",
                  "remove the condition or the statement, or move the condition to a statement"
                      + " whose principals and actions can meet it",
                  null));
          break;
        }
      }
    }
  }

  /** Why condition {@code c} can hold for none of {@code actions}, or null when it can hold. */
  private static String never(Statement s, Condition c, List<String> actions) {
    if (!needsKey(c)) {
      return null;
    }
    String key = Guards.key(c);
    if (absentRequired(s, c)) {
      return "`" + c.key().value() + "` must be present here and absent by a `Null` test";
    }
    if (ON_BEHALF_KEYS.contains(key) && onlyServicePrincipals(s)) {
      return "`" + c.key().value() + "` is never present when a service principal calls as itself";
    }
    Optional<ResolvedConditionKey> known = KmsCatalog.get().conditionKey(c.key().value());
    if (known.isEmpty()) {
      return null;
    }
    for (String name : actions) {
      KmsAction a = KmsCatalog.get().action(name).orElseThrow();
      if (KmsCatalog.get().actionSupportsKey(a, known.get())) {
        return null;
      }
    }
    return "`"
        + c.key().value()
        + "` is never present for "
        + (actions.size() == 1 ? "`" + Actions.qualified(actions.get(0)) + "`" : "these actions");
  }

  /** True when the condition is false whenever its key is absent. */
  private static boolean needsKey(Condition c) {
    OperatorBase base = c.operator().base();
    if (base == null || c.operator().ifExists()) {
      return false;
    }
    if (base == OperatorBase.NULL) {
      return !c.values().isEmpty()
          && c.values().get(0).typed() instanceof TypedValue.NullCheck n
          && !n.absent();
    }
    SetQualifier q = c.operator().qualifier();
    return q == SetQualifier.FOR_ANY_VALUE || (q == SetQualifier.NONE && !base.negated());
  }

  /** True when another condition of {@code s} is {@code Null: true} on the same key. */
  private static boolean absentRequired(Statement s, Condition c) {
    for (Condition other : s.conditions()) {
      if (other != c
          && other.operator().base() == OperatorBase.NULL
          && Guards.key(other).equals(Guards.key(c))
          && !other.values().isEmpty()
          && other.values().get(0).typed() instanceof TypedValue.NullCheck n
          && n.absent()) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyServicePrincipals(Statement s) {
    if (s.principal() == null || s.principal().negated() || s.principal().principals().isEmpty()) {
      return false;
    }
    for (Principal p : s.principal().principals()) {
      if (!(p instanceof Principal.Service)) {
        return false;
      }
    }
    return true;
  }
}
