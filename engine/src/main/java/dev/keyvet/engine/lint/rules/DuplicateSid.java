package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * KP014: two statements share a Sid. Every statement whose Sid an earlier statement already has is
 * reported at its Sid; the first holder is not. Sids are compared exactly as written, and no
 * character rule is applied: spaces and punctuation are legal in key-policy Sids, unlike in IAM
 * policies. Empty Sids are left to KP011.
 */
public final class DuplicateSid implements Rule {
  private static final RuleMetadata METADATA =
      new RuleMetadata(
          Code.KP014,
          "Duplicate Sid",
          "Two statements of the policy have the same `Sid`. Each statement after the first with"
              + " that Sid is reported.",
          "Findings, suppressions and reviews name statements by their Sid; when two share one,"
              + " an edit or a suppression meant for one statement hits the other.",
          "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
          "{\"Sid\": \"Allow use of the key\", ...}, {\"Sid\": \"Allow use of the key\", ...}",
          "{\"Sid\": \"Allow use of the key\", ...}, {\"Sid\": \"Allow use of the key by Ops\","
              + " ...}");

  @Override
  public RuleMetadata metadata() {
    return METADATA;
  }

  @Override
  public void check(LintContext ctx, Consumer<Finding> out) {
    if (ctx.policy() == null) {
      return;
    }
    Map<String, Statement> first = new HashMap<>();
    for (Statement s : ctx.policy().statements()) {
      if (s.sid() == null || s.sid().value().isEmpty()) {
        continue;
      }
      Statement earlier = first.putIfAbsent(s.sid().value(), s);
      if (earlier != null) {
        out.accept(
            ctx.finding(
                Code.KP014,
                s,
                s.sid().span(),
                "duplicate Sid "
                    + Quoted.code(s.sid().value())
                    + ": statement "
                    + (earlier.index() + 1)
                    + " already has it",
                "give each statement its own Sid, so that findings and suppressions name one"
                    + " statement"));
      }
    }
  }
}
