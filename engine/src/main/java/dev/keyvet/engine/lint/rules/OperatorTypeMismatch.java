package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ConditionKeyDef;
import dev.keyvet.engine.catalog.ConditionKeyType;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * KP115: a condition operator whose family does not fit the type the catalogue gives its key.
 * Reported once per condition, at its key. What fits: String operators for String keys, and for ARN
 * keys too (AWS compares an ARN as text); ARN operators for ARN keys, and for String keys when
 * every value is an ARN (AWS documents {@code ArnEquals} on {@code
 * kms:EncryptionContext:aws:logs:arn}); Date operators, and Numeric ones for keys that are also
 * epoch numbers; Numeric, Bool, IP address and Binary operators for keys of their own type; {@code
 * Null} for every key. Unknown operators and keys are left to KP114 and KP112.
 */
public final class OperatorTypeMismatch extends StatementRule {
  public OperatorTypeMismatch() {
    super(
        new RuleMetadata(
            Code.KP115,
            "Operator does not fit the key's type",
            "A condition uses an operator of one type on a key of another, such as `StringEquals`"
                + " on the Bool key `kms:GrantIsForAWSResource` or `NumericLessThan` on a date.",
            "The operator compares the request value as the wrong type: the test matches by"
                + " accident of spelling or not at all, and Access Analyzer reports the policy.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
            "\"StringEquals\": {\"kms:GrantIsForAWSResource\": \"true\"}",
            "\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}"));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    for (Condition c : s.conditions()) {
      Optional<ResolvedConditionKey> key = ctx.catalog().conditionKey(c.key().value());
      if (c.operator().base() == null || key.isEmpty()) {
        continue;
      }
      ConditionKeyDef def = key.get().def();
      OperatorFamily family = c.operator().base().family();
      if (fits(def, family, c)) {
        continue;
      }
      out.accept(
          ctx.finding(
              Code.KP115,
              s,
              c.key().span(),
              Quoted.code(c.operator().text())
                  + " compares "
                  + KeyTypes.compared(family)
                  + ", but "
                  + Quoted.code(c.key().value())
                  + " is of type "
                  + def.type().jsonName()
                  + (family == OperatorFamily.ARN && stringTyped(def)
                      ? " and the values are not all ARNs"
                      : ""),
              "use " + KeyTypes.operatorsFor(def) + " for this key"));
    }
  }

  private static boolean stringTyped(ConditionKeyDef def) {
    return def.type() == ConditionKeyType.STRING || def.type() == ConditionKeyType.ARRAY_OF_STRING;
  }

  private static boolean fits(ConditionKeyDef def, OperatorFamily family, Condition c) {
    if (family == OperatorFamily.NULL) {
      return true;
    }
    return switch (def.type()) {
      case STRING, ARRAY_OF_STRING ->
          family == OperatorFamily.STRING
              || (family == OperatorFamily.ARN
                  && !c.values().isEmpty()
                  && c.values().stream().allMatch(v -> v.text().startsWith("arn:")));
      case ARN -> family == OperatorFamily.ARN || family == OperatorFamily.STRING;
      case DATE ->
          family == OperatorFamily.DATE || (def.alsoNumeric() && family == OperatorFamily.NUMERIC);
      case NUMERIC -> family == OperatorFamily.NUMERIC;
      case BOOL -> family == OperatorFamily.BOOL;
      case IP_ADDRESS -> family == OperatorFamily.IP_ADDRESS;
      case BINARY -> family == OperatorFamily.BINARY;
    };
  }
}
