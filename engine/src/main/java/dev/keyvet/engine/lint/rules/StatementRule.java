package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * A rule that looks at one statement at a time, on the model. It runs over every statement the
 * reader kept, including those of a bare array of statements, and over nothing when the document is
 * not a policy at all.
 */
abstract class StatementRule implements Rule {
  private final RuleMetadata metadata;

  StatementRule(RuleMetadata metadata) {
    this.metadata = metadata;
  }

  @Override
  public final RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public final void check(LintContext ctx, Consumer<Finding> out) {
    if (ctx.policy() == null) {
      return;
    }
    for (Statement s : ctx.policy().statements()) {
      check(ctx, s, out);
    }
  }

  /** Reports every finding of this rule in statement {@code s}. */
  abstract void check(LintContext ctx, Statement s, Consumer<Finding> out);
}
