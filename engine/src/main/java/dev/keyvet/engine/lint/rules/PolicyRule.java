package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * A rule that reads the policy model: it runs whenever the document was read as a policy or as a
 * bare list of statements, and says nothing about a document that did not parse.
 */
abstract class PolicyRule implements Rule {
  private final RuleMetadata metadata;

  PolicyRule(RuleMetadata metadata) {
    this.metadata = metadata;
  }

  @Override
  public final RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public void check(LintContext ctx, Consumer<Finding> out) {
    if (ctx.policy() != null) {
      check(ctx, ctx.policy(), out);
    }
  }

  /** Reports the findings of this rule in {@code policy}. */
  abstract void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out);

  /** A finding of this rule about statement {@code s} (null for the document), with evidence. */
  final Finding finding(
      LintContext ctx,
      Statement s,
      SourceSpan span,
      String message,
      String help,
      Finding.Evidence evidence) {
    Code code = metadata.code();
    return new Finding(
        ctx.diagnostic(code, span, message).withHelp(help), s == null ? "" : s.label(), evidence);
  }
}
