package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ConditionKeyDef;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * KP119: {@code ForAllValues} on a key the catalogue gives a single value, or a multi-valued key
 * ({@code kms:EncryptionContextKeys}, {@code kms:GrantOperations}, {@code aws:TagKeys}, ...) tested
 * without {@code ForAnyValue} or {@code ForAllValues}. Reported once per condition, at its key, in
 * statements of either effect. {@code Null} tests need no qualifier and are never reported; unknown
 * operators and keys are left to KP114 and KP112.
 */
public final class SetOperatorMisuse extends StatementRule {
  public SetOperatorMisuse() {
    super(
        new RuleMetadata(
            Code.KP119,
            "Set operator misuse",
            "`ForAllValues` qualifies a single-valued key, or a multi-valued key such as"
                + " `kms:EncryptionContextKeys` or `kms:GrantOperations` is tested without"
                + " `ForAnyValue` or `ForAllValues`.",
            "`ForAllValues` is true when the request has no value for the key, so on a"
                + " single-valued key it lets through every request that omits the key: an Allow"
                + " meant to narrow access grants it more widely. AWS requires a set operator on"
                + " multi-valued keys; without one the comparison is not the documented one.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
            "\"ForAllValues:StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}",
            "\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}"));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    for (Condition c : s.conditions()) {
      ConditionOperator op = c.operator();
      Optional<ResolvedConditionKey> key = ctx.catalog().conditionKey(c.key().value());
      if (!op.isKnown() || op.base() == OperatorBase.NULL || key.isEmpty()) {
        continue;
      }
      ConditionKeyDef def = key.get().def();
      String name = Quoted.code(c.key().value());
      if (op.qualifier() == SetQualifier.FOR_ALL_VALUES && !def.multiValued()) {
        out.accept(
            ctx.finding(
                Code.KP119,
                s,
                c.key().span(),
                Quoted.code(op.text())
                    + " on single-valued key "
                    + name
                    + " also holds when the request has no value for it",
                "drop the `ForAllValues:` prefix: " + name + " has at most one value"));
      } else if (op.qualifier() == SetQualifier.NONE && def.multiValued()) {
        out.accept(
            ctx.finding(
                Code.KP119,
                s,
                c.key().span(),
                "multi-valued key " + name + " is tested without `ForAnyValue:` or `ForAllValues:`",
                "use `ForAnyValue:` when one value must match; use `ForAllValues:` when every value"
                    + " must, with a `Null` test that the key is present"));
      }
    }
  }
}
