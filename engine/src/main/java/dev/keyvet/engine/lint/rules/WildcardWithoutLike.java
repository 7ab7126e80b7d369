package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.TypedValue;
import dev.keyvet.engine.text.Wildcards;
import java.util.function.Consumer;

/**
 * KP117: {@code *} or {@code ?} in a value of a String equality operator ({@code StringEquals},
 * {@code StringNotEquals} and their {@code IgnoreCase} forms), where they match only themselves.
 * Reported at each such value. Escapes such as {@code ${*}} are literal on purpose and not
 * reported; ARN operators match wildcards and are never reported.
 */
public final class WildcardWithoutLike extends StatementRule {
  public WildcardWithoutLike() {
    super(
        new RuleMetadata(
            Code.KP117,
            "Wildcard in an Equals operator",
            "A value of `StringEquals`, `StringNotEquals` or their `IgnoreCase` forms contains `*`"
                + " or `?`, which only `StringLike` and `StringNotLike` treat as wildcards.",
            "The value is compared literally: an Allow meant for a family of values matches none"
                + " of them, and a negated Deny meant to exempt them exempts nothing.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
            "\"StringEquals\": {\"kms:ViaService\": \"*.amazonaws.com\"}",
            "\"StringLike\": {\"kms:ViaService\": \"*.amazonaws.com\"}"));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    for (Condition c : s.conditions()) {
      OperatorBase base = c.operator().base();
      if (base == null || base.family() != OperatorFamily.STRING || base.isLike()) {
        continue;
      }
      for (ConditionValue v : c.values()) {
        if (v.typed() instanceof TypedValue.Str str && literalWildcard(str.template())) {
          out.accept(
              ctx.finding(
                  Code.KP117,
                  s,
                  v.span(),
                  Quoted.code(v.text())
                      + " is compared literally by "
                      + Quoted.code(c.operator().text())
                      + ": `*` and `?` match only themselves there",
                  "use " + Quoted.code(likeOperator(c.operator())) + " to match a pattern"));
        }
      }
    }
  }

  private static boolean literalWildcard(Template t) {
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l && Wildcards.hasWildcard(l.text())) {
        return true;
      }
    }
    return false;
  }

  /** The Like operator with the same qualifier, negation and suffix as {@code op}. */
  private static String likeOperator(ConditionOperator op) {
    return op.qualifier().prefix()
        + (op.base().negated() ? "StringNotLike" : "StringLike")
        + (op.ifExists() ? "IfExists" : "");
  }
}
