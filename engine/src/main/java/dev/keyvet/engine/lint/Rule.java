package dev.keyvet.engine.lint;

import java.util.function.Consumer;

/** One check of the catalogue. Implementations are stateless and thread-safe. */
public interface Rule {
  /** What the rule is. */
  RuleMetadata metadata();

  /** Reports every finding of this rule in the policy of {@code ctx}. */
  void check(LintContext ctx, Consumer<Finding> out);
}
