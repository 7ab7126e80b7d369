package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ActionSet;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * KP121: an action entry that another entry of the same {@code Action} or {@code NotAction} list
 * already covers, judged by the KMS actions each matches. Reported at the redundant entry. Of two
 * entries matching the same actions, the explicit name is reported rather than the wildcard, and
 * otherwise the later one, so exactly one of a pair is reported. Entries matching no KMS action are
 * left to KP101 and KP102.
 */
public final class RedundantAction extends StatementRule {
  public RedundantAction() {
    super(
        new RuleMetadata(
            Code.KP121,
            "Redundant action",
            "An entry of an action list that another entry of the same list already covers, such"
                + " as `kms:PutKeyPolicy` beside `kms:*`, or an action listed twice.",
            "The extra entry changes nothing, makes the list longer to review, and suggests the"
                + " author did not notice how much the wildcard grants.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
            "\"Action\": [\"kms:*\", \"kms:PutKeyPolicy\"]",
            "\"Action\": \"kms:*\""));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.action() == null || s.action().patterns().size() < 2) {
      return;
    }
    List<Text> entries = s.action().patterns();
    List<ActionSet> matched = new ArrayList<>(entries.size());
    for (Text e : entries) {
      matched.add(ctx.catalog().actionSetMatching(e.value()));
    }
    for (int i = 0; i < entries.size(); i++) {
      if (matched.get(i).isEmpty()) {
        continue;
      }
      for (int j = 0; j < entries.size(); j++) {
        if (j != i && covers(entries, matched, j, i)) {
          out.accept(finding(ctx, s, entries.get(i), entries.get(j)));
          break;
        }
      }
    }
  }

  /** True when entry {@code j} makes entry {@code i} redundant. */
  private static boolean covers(List<Text> entries, List<ActionSet> matched, int j, int i) {
    if (!matched.get(j).containsAll(matched.get(i))) {
      return false;
    }
    if (!matched.get(i).containsAll(matched.get(j))) {
      return true;
    }
    boolean wildJ = Wildcards.hasWildcard(entries.get(j).value());
    boolean wildI = Wildcards.hasWildcard(entries.get(i).value());
    return wildJ == wildI ? j < i : wildJ;
  }

  private static Finding finding(LintContext ctx, Statement s, Text redundant, Text by) {
    boolean repeated = redundant.value().equalsIgnoreCase(by.value());
    return ctx.finding(
        Code.KP121,
        s,
        redundant.span(),
        repeated
            ? Quoted.code(redundant.value()) + " is listed twice"
            : Quoted.code(redundant.value()) + " is already covered by " + Quoted.code(by.value()),
        "remove it; the list means the same without it");
  }
}
