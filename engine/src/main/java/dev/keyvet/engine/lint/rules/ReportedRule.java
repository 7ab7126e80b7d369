package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/**
 * A rule whose check the reader or the catalogue checks already make while reading the policy (one
 * parse of each value): it reports their diagnostics of its code, at the configured severity, with
 * the statement they fall in.
 */
abstract class ReportedRule implements Rule {
  private final RuleMetadata metadata;

  ReportedRule(RuleMetadata metadata) {
    this.metadata = metadata;
  }

  @Override
  public final RuleMetadata metadata() {
    return metadata;
  }

  @Override
  public final void check(LintContext ctx, Consumer<Finding> out) {
    for (Diagnostic d : ctx.read().diagnostics()) {
      if (d.code() == metadata.code()) {
        Diagnostic configured =
            ctx.config().severities().containsKey(d.code())
                ? d.withSeverity(ctx.config().severity(d.code()))
                : d;
        out.accept(Finding.of(configured, statementAt(ctx, d)));
      }
    }
  }

  /** The label of the statement whose JSON pointer contains the diagnostic's, or empty. */
  private static String statementAt(LintContext ctx, Diagnostic d) {
    if (ctx.policy() == null) {
      return "";
    }
    String pointer = d.span().pointer();
    for (Statement s : ctx.policy().statements()) {
      String sp = s.span().pointer();
      if (!sp.isEmpty() && (pointer.equals(sp) || pointer.startsWith(sp + "/"))) {
        return s.label();
      }
    }
    return "";
  }
}
