package dev.keyvet.engine.lint;

import dev.keyvet.engine.lint.rules.RuleCatalog;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.validate.PolicyValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the rules over policies. Thread-safe and reusable: rules are stateless, and each file gets
 * its own {@link LintContext}. Never throws for bad input: a policy that does not parse yields its
 * syntax findings only.
 */
public final class Linter {
  private final List<Rule> rules;
  private final PolicyValidator validator = new PolicyValidator();

  public Linter(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The linter with every rule of the catalogue. */
  public static Linter standard() {
    return new Linter(RuleCatalog.rules());
  }

  public List<Rule> rules() {
    return rules;
  }

  /** Reads, validates and lints one file. */
  public LintResult lint(String file, byte[] content, LintConfig config) {
    return lint(validator.validate(file, content), config);
  }

  /** Lints what was already read and validated. */
  public LintResult lint(ReadResult read, LintConfig config) {
    LintContext ctx = new LintContext(read, config);
    List<Finding> out = new ArrayList<>();
    for (Rule rule : rules) {
      if (config.enabled(rule.metadata().code())) {
        rule.check(ctx, out::add);
      }
    }
    out.sort(Comparator.comparing(Finding::diagnostic));
    return new LintResult(read.file(), out);
  }
}
