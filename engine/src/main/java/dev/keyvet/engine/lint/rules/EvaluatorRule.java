package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import java.util.function.Consumer;

/**
 * A rule that asks the evaluator who can do what. It runs only on a policy the evaluator accepts: a
 * document with errors that leave its meaning in doubt allows nothing (fail closed), so "nobody
 * can" answers about it would be artefacts; its errors are reported by their own rules.
 */
abstract class EvaluatorRule extends PolicyRule {
  EvaluatorRule(RuleMetadata metadata) {
    super(metadata);
  }

  @Override
  public final void check(LintContext ctx, Consumer<Finding> out) {
    if (Probe.usable(ctx)) {
      super.check(ctx, out);
    }
  }
}
