package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.iac.EmbeddedPolicy;
import dev.keyvet.engine.iac.IacDocument;
import dev.keyvet.engine.iac.IacReader;
import dev.keyvet.engine.lint.rules.RuleCatalog;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.validate.PolicyValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

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

  /**
   * Reads, validates and lints one file: a key policy, or a CloudFormation template or Terraform
   * configuration, whose every key policy is linted with the key's settings.
   */
  public LintResult lint(String file, byte[] content, LintConfig config) {
    IacReader.Kind kind = IacReader.kind(file, content);
    if (kind == IacReader.Kind.CLOUDFORMATION || kind == IacReader.Kind.TERRAFORM) {
      return lint(IacReader.read(file, content, kind), file, config);
    }
    return lint(validator.validate(file, content), config);
  }

  /** Lints what was already read and validated. */
  public LintResult lint(ReadResult read, LintConfig config) {
    List<Finding> out = new ArrayList<>();
    run(new LintContext(read, config), out::add);
    out.sort(Comparator.comparing(Finding::diagnostic));
    return new LintResult(read.file(), out);
  }

  /**
   * Lints the keys of an infrastructure-as-code file: each policy with its key's settings, and the
   * file's own problems. Findings inside a policy name the resource it belongs to.
   */
  public LintResult lint(IacDocument doc, String file, LintConfig config) {
    List<Finding> out = new ArrayList<>();
    for (Diagnostic d : doc.diagnostics()) {
      if (config.enabled(d.code())) {
        out.add(Finding.of(d.withSeverity(config.severity(d.code())), ""));
      }
    }
    for (EmbeddedPolicy p : doc.policies()) {
      ReadResult read =
          p.hasPolicy()
              ? validator.validateEmbedded(file, p.text(), p.bytes())
              : new ReadResult(file, null, List.of());
      String resource = p.settings().resource();
      run(new LintContext(read, config, p.settings()), f -> out.add(naming(f, resource)));
    }
    out.sort(Comparator.comparing(Finding::diagnostic));
    return new LintResult(file, out);
  }

  private void run(LintContext ctx, Consumer<Finding> out) {
    for (Rule rule : rules) {
      if (ctx.config().enabled(rule.metadata().code())) {
        rule.check(ctx, out);
      }
    }
  }

  /** {@code f} with its message naming {@code resource}, unless it already does. */
  private static Finding naming(Finding f, String resource) {
    Diagnostic d = f.diagnostic();
    String quoted = "`" + resource + "`";
    if (d.message().contains(quoted)) {
      return f;
    }
    Diagnostic named =
        new Diagnostic(
            d.code(), d.severity(), d.message() + " (in " + quoted + ")", d.help(), d.span());
    return new Finding(named, f.statement(), f.evidence());
  }
}
