package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * KP401: statements that repeat each other (identical apart from the Sid, or differing only in
 * their actions, their principals or the values of one condition, so that one merged statement says
 * the same), and principals listed twice in one statement.
 */
public final class RedundantStatement extends PolicyRule {
  public RedundantStatement() {
    super(
        new RuleMetadata(
            Code.KP401,
            "Redundant statement",
            "Two statements are identical apart from their Sid, or differ only in Action, only in"
                + " Principal, or only in the values of one condition (values of one condition are"
                + " ORed, so one statement listing both says the same); or one Principal lists the"
                + " same principal twice, e.g. as account ID and as root ARN. A statement whose"
                + " access another statement already contains is KP405.",
            "When access is split over copies, one copy gets edited and the other keeps the old"
                + " access; the policy also grows towards its 32 KB limit.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
            "[{\"Sid\": \"Mac384\", ..., \"Condition\": {\"StringEquals\": {\"kms:MacAlgorithm\":"
                + " \"HMAC_SHA_384\"}}}, {\"Sid\": \"Mac512\", ..., \"Condition\":"
                + " {\"StringEquals\": {\"kms:MacAlgorithm\": \"HMAC_SHA_512\"}}}]",
            "[{\"Sid\": \"Mac384And512\", ..., \"Condition\": {\"StringEquals\":"
                + " {\"kms:MacAlgorithm\": [\"HMAC_SHA_384\", \"HMAC_SHA_512\"]}}}]"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    List<Statement> statements = policy.statements();
    for (Statement s : statements) {
      duplicatePrincipals(ctx, s, out);
    }
    for (int j = 1; j < statements.size(); j++) {
      Statement later = statements.get(j);
      if (later.effect() == null) {
        continue;
      }
      Shape b = Shape.of(ctx, later);
      for (int i = 0; i < j; i++) {
        Statement earlier = statements.get(i);
        Shape a = Shape.of(ctx, earlier);
        if (a.effect() != b.effect()
            || SubsumedAllow.strictlyContained(ctx, earlier, later)
            || SubsumedAllow.strictlyContained(ctx, later, earlier)) {
          continue;
        }
        String how = difference(earlier, a, b);
        if (how != null) {
          out.accept(
              finding(
                  ctx,
                  later,
                  later.span(),
                  "statement `" + later.label() + "` " + how + " `" + earlier.label() + "`",
                  "merge the two statements into one so that later edits cannot drift apart",
                  null));
          break;
        }
      }
    }
  }

  /** How {@code b} repeats {@code a}, or null when they differ in more than one mergeable way. */
  private static String difference(Statement earlier, Shape a, Shape b) {
    boolean principals = !Objects.equals(a.principals(), b.principals());
    boolean actions = !Objects.equals(a.actions(), b.actions());
    boolean resources = !Objects.equals(a.resources(), b.resources());
    String condition = conditionDifference(earlier, a, b);
    boolean conditions = !a.conditions().equals(b.conditions());
    if (resources || (conditions && condition == null)) {
      return null;
    }
    int differences = (principals ? 1 : 0) + (actions ? 1 : 0) + (conditions ? 1 : 0);
    if (differences == 0) {
      return "is identical, apart from its Sid, to";
    }
    if (differences > 1) {
      return null;
    }
    if (principals) {
      return listed(a.principals()) && listed(b.principals())
          ? "differs only in its principals from"
          : null;
    }
    if (actions) {
      return listed(a.actions()) && listed(b.actions()) ? "differs only in its actions from" : null;
    }
    return "differs only in the values of " + condition + " from";
  }

  /**
   * True for a {@code Principal} or {@code Action} element (not its {@code Not} form): only their
   * lists can be merged by taking the union.
   */
  private static boolean listed(java.util.Set<String> element) {
    return element != null && element.contains("=");
  }

  /**
   * The one condition whose values differ, as {@code `Operator` on `key`}, when the conditions
   * differ only there and the operator ORs its values (positive, no {@code ForAllValues});
   * otherwise null.
   */
  private static String conditionDifference(Statement earlier, Shape a, Shape b) {
    if (!a.conditions().keySet().equals(b.conditions().keySet())) {
      return null;
    }
    String differing = null;
    for (Map.Entry<String, java.util.Set<String>> e : a.conditions().entrySet()) {
      if (!e.getValue().equals(b.conditions().get(e.getKey()))) {
        if (differing != null) {
          return null;
        }
        differing = e.getKey();
      }
    }
    if (differing == null) {
      return null;
    }
    for (Condition c : earlier.conditions()) {
      if (Shape.conditionKey(c).equals(differing)) {
        boolean ors =
            c.operator().base() != null
                && !c.operator().base().negated()
                && c.operator().qualifier() != SetQualifier.FOR_ALL_VALUES;
        return ors ? "`" + c.operator().text() + "` on `" + c.key().value() + "`" : null;
      }
    }
    return null;
  }

  private void duplicatePrincipals(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.principal() == null) {
      return;
    }
    Map<String, Principal> seen = new HashMap<>();
    for (Principal p : s.principal().principals()) {
      if (p instanceof Principal.Invalid) {
        continue;
      }
      Principal first = seen.putIfAbsent(Subject.key(p), p);
      if (first != null) {
        String also = first.text().equals(p.text()) ? "" : " (also as `" + first.text() + "`)";
        out.accept(
            finding(
                ctx,
                s,
                p.span(),
                "principal `" + p.text() + "` is listed twice" + also,
                "remove the second entry",
                null));
      }
    }
  }
}
