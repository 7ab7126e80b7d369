package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.function.Consumer;

/** KP306: a statement without a Sid. */
public final class MissingSid extends PolicyRule {
  public MissingSid() {
    super(
        new RuleMetadata(
            Code.KP306,
            "Statement without Sid",
            "A statement has no `Sid`. Key policies allow spaces in Sids, so a readable one such as"
                + " \"Allow use of the key\" costs nothing.",
            "Findings, suppressions, baselines and policy diffs can then only name the statement by"
                + " its position, which changes whenever a statement is added above it.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"logs.amazonaws.com\"}, ...}",
            "{\"Sid\": \"Allow CloudWatch Logs to encrypt log groups\", \"Effect\": \"Allow\","
                + " \"Principal\": {\"Service\": \"logs.amazonaws.com\"}, ...}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.sid() == null) {
        out.accept(
            finding(
                ctx,
                s,
                s.span(),
                "statement " + s.label() + " has no `Sid`",
                "add a `Sid` that says what the statement is for",
                null));
      }
    }
  }
}
