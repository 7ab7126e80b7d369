package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.rules.RuleCatalog;
import java.util.Optional;

/**
 * Documentation generated from the rules' own metadata, so it cannot drift from them: the README's
 * rule table and {@code docs/rules.md}.
 */
public final class RuleDocs {
  private RuleDocs() {}

  /** The README table: one row per code, with its title, default severity and status. */
  public static String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| ID | name | title | default severity |\n");
    sb.append("|---|---|---|---|\n");
    for (Code c : Code.values()) {
      if (!c.policyCheck()) {
        continue;
      }
      Optional<Rule> rule = RuleCatalog.rule(c);
      sb.append("| [")
          .append(c.id())
          .append("](docs/rules.md#")
          .append(c.id().toLowerCase(java.util.Locale.ROOT))
          .append(") | ")
          .append(c.ruleName())
          .append(" | ")
          .append(
              rule.map(r -> r.metadata().title())
                  .orElse("not implemented yet: needs the key's IaC settings"))
          .append(" | ")
          .append(c.defaultSeverity().label())
          .append(" |\n");
    }
    return sb.toString();
  }

  /** {@code docs/rules.md}: every rule in full. */
  public static String rulesPage() {
    StringBuilder sb = new StringBuilder();
    sb.append("# keyvet rules\n\n");
    sb.append(
        "Generated from the rules' metadata (`dev.keyvet.engine.lint.rules`); do not edit by hand.\n");
    sb.append(
        "Regenerate with `mvn -pl engine test -Dtest=RuleDocsTest -Dkeyvet.docs.update=true`.\n\n");
    sb.append(
        "Severities: **error** the policy is invalid or a statement cannot work; **security** it\n");
    sb.append(
        "grants more than intended; **warning** it works but against best practice; **suggestion**\n");
    sb.append("hygiene.\n");
    for (Code c : Code.values()) {
      if (!c.policyCheck()) {
        continue;
      }
      sb.append("\n## ").append(c.id()).append("\n\n");
      Optional<Rule> rule = RuleCatalog.rule(c);
      if (rule.isEmpty()) {
        sb.append("**")
            .append(c.ruleName())
            .append("** (")
            .append(c.defaultSeverity().label())
            .append(")\n\n");
        sb.append(
            "Not implemented yet: this check needs the key's settings from CloudFormation or Terraform.\n");
        continue;
      }
      RuleMetadata m = rule.get().metadata();
      sb.append("**")
          .append(m.title())
          .append("** — `")
          .append(m.name())
          .append("`, ")
          .append(m.defaultSeverity().label())
          .append("\n\n");
      sb.append(m.description()).append("\n\n");
      sb.append("Why it matters: ").append(m.rationale()).append("\n\n");
      sb.append("Reference: ").append(m.awsDoc()).append("\n\n");
      sb.append("Flagged:\n\n```").append(language(m.bad())).append('\n');
      sb.append(m.bad()).append("\n```\n\n");
      sb.append("Fixed:\n\n```").append(language(m.good())).append('\n');
      sb.append(m.good()).append("\n```\n");
    }
    return sb.toString();
  }

  /** The fence language of an example: a policy fragment, a Terraform block or a template. */
  private static String language(String example) {
    if (example.startsWith("resource ")) {
      return "hcl";
    }
    return example.startsWith("Type: ") ? "yaml" : "json";
  }
}
