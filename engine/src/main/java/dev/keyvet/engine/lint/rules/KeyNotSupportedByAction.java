package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.model.TypedValue;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * KP113: a condition key that is never in the request of some action the statement lists. Reported
 * once per condition, at its key, naming those actions (and the wildcard each came from), as {@link
 * KmsCatalog#actionSupportsKey} decides. Actions are taken from {@code Action} lists only,
 * wildcards expanded; actions that take no key are left to KP104, unknown keys to KP112, and {@code
 * ...IfExists} conditions are skipped, because they are written for exactly this case.
 */
public final class KeyNotSupportedByAction extends StatementRule {
  public KeyNotSupportedByAction() {
    super(
        new RuleMetadata(
            Code.KP113,
            "Condition key not supported by an action",
            "A condition tests a key that KMS never puts in the request of one or more of the"
                + " statement's actions, such as `kms:GrantIsForAWSResource` on `kms:Decrypt` or an"
                + " encryption-context key on `kms:DescribeKey`.",
            "For those actions the key is always absent: the condition never holds (or, for"
                + " negated operators, always holds), so the statement does not do for them what it"
                + " says. An Allow silently grants nothing; a Deny silently denies everything.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
            "\"Action\": [\"kms:Decrypt\", \"kms:CreateGrant\"], \"Condition\": {\"Bool\":"
                + " {\"kms:GrantIsForAWSResource\": \"true\"}}",
            "\"Action\": \"kms:CreateGrant\", \"Condition\": {\"Bool\":"
                + " {\"kms:GrantIsForAWSResource\": \"true\"}}"));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.action() == null || s.action().negated() || s.conditions().isEmpty()) {
      return;
    }
    KmsCatalog catalog = ctx.catalog();
    Map<KmsAction, String> actions = keyActions(catalog, s);
    for (Condition c : s.conditions()) {
      Optional<ResolvedConditionKey> key = catalog.conditionKey(c.key().value());
      if (c.operator().ifExists() || key.isEmpty()) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      actions.forEach(
          (action, from) -> {
            if (!catalog.actionSupportsKey(action, key.get())) {
              missing.add(named(action, from));
            }
          });
      if (!missing.isEmpty()) {
        out.accept(
            ctx.finding(
                Code.KP113,
                s,
                c.key().span(),
                "condition key "
                    + Quoted.code(c.key().value())
                    + " is never in a request for "
                    + Quoted.list(missing),
                "the key is absent from those requests, so the condition "
                    + (alwaysHoldsWhenAbsent(c) ? "always" : "never")
                    + " holds for them; move them to a statement without this condition"));
      }
    }
  }

  /** The key actions the statement lists, each with the pattern that first named it. */
  private static Map<KmsAction, String> keyActions(KmsCatalog catalog, Statement s) {
    Map<KmsAction, String> out = new LinkedHashMap<>();
    for (Text pattern : s.action().patterns()) {
      for (KmsAction a : catalog.actionsMatching(pattern.value())) {
        if (a.resource().hasKey()) {
          out.putIfAbsent(a, pattern.value());
        }
      }
    }
    return out;
  }

  private static String named(KmsAction action, String from) {
    String name = Quoted.code(action.qualifiedName());
    return Wildcards.hasWildcard(from) ? name + " (from " + Quoted.code(from) + ")" : name;
  }

  /**
   * True when the condition holds on a request without its key: {@code Null} asking for absence,
   * {@code ForAllValues} (true of an empty set), and negated operators without a qualifier.
   */
  private static boolean alwaysHoldsWhenAbsent(Condition c) {
    OperatorBase base = c.operator().base();
    if (base == OperatorBase.NULL) {
      return c.values().stream()
          .map(ConditionValue::typed)
          .anyMatch(v -> v instanceof TypedValue.NullCheck n && n.absent());
    }
    return switch (c.operator().qualifier()) {
      case FOR_ALL_VALUES -> true;
      case FOR_ANY_VALUE -> false;
      case NONE -> base != null && base.negated();
    };
  }
}
