package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A statement reduced to what it means for comparison: order and spelling that IAM ignores are
 * dropped (action case, the order of list items, an account written as ID or root ARN); what IAM
 * distinguishes is kept. A missing element is null.
 *
 * @param effect the effect
 * @param principals {@code NotPrincipal} marker plus principal keys, or null
 * @param actions {@code NotAction} marker plus lower-case patterns, or null
 * @param resources {@code NotResource} marker plus patterns, or null
 * @param conditions values by operator and lower-case key
 */
record Shape(
    Effect effect,
    Set<String> principals,
    Set<String> actions,
    Set<String> resources,
    Map<String, Set<String>> conditions) {

  static Shape of(LintContext ctx, Statement s) {
    return ctx.remember(new ShapeOf(s.index()), () -> of(s));
  }

  /** The memo key of the shape of the statement at {@code index}. */
  private record ShapeOf(int index) {}

  static Shape of(Statement s) {
    Set<String> principals = null;
    if (s.principal() != null) {
      principals = new LinkedHashSet<>();
      principals.add(s.principal().negated() ? "!" : "=");
      for (Principal p : s.principal().principals()) {
        principals.add(Subject.key(p));
      }
    }
    Set<String> actions = null;
    if (s.action() != null) {
      actions = new LinkedHashSet<>();
      actions.add(s.action().negated() ? "!" : "=");
      for (Text t : s.action().patterns()) {
        actions.add(t.value().toLowerCase(Locale.ROOT));
      }
    }
    Set<String> resources = null;
    if (s.resource() != null) {
      resources = new LinkedHashSet<>();
      resources.add(s.resource().negated() ? "!" : "=");
      for (Template t : s.resource().patterns()) {
        resources.add(t.text());
      }
    }
    Map<String, Set<String>> conditions = new LinkedHashMap<>();
    for (Condition c : s.conditions()) {
      Set<String> values = new LinkedHashSet<>();
      for (ConditionValue v : c.values()) {
        values.add(v.text());
      }
      conditions.put(conditionKey(c), values);
    }
    return new Shape(s.effect(), principals, actions, resources, conditions);
  }

  /** Operator as written and key in lower case: what identifies one condition. */
  static String conditionKey(Condition c) {
    return c.operator().text() + " " + c.key().value().toLowerCase(Locale.ROOT);
  }

  /** True when every condition of {@code other} appears, identically, in this shape. */
  boolean hasAllConditionsOf(Shape other) {
    for (Map.Entry<String, Set<String>> e : other.conditions.entrySet()) {
      if (!Objects.equals(conditions.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
