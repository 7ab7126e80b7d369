package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.TypedValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A request context under which a statement's conditions hold, so that the evaluator can be asked
 * whether the statement's principals really get its actions. Each condition that needs a value gets
 * its first value (wildcards filled in, bounds stepped over); conditions that hold when their key
 * is absent leave it absent. Keys the caller's identity determines ({@link Guards#IDENTITY_KEYS})
 * and keys a rule excludes are never set: the question is then whether the statement applies
 * without them.
 */
final class Witness {
  private Witness() {}

  /**
   * True for keys that narrow what a grant can be (for AWS resources only, which operations, to
   * whom, under which encryption context) or that require a service to make the call: a {@code
   * CreateGrant} allowed only with them is constrained.
   */
  static boolean grantScope(String key) {
    return key.startsWith("kms:grant")
        || key.equals("kms:retiringprincipal")
        || key.startsWith("kms:encryptioncontext")
        || onBehalf(key);
  }

  /** True for keys that scope use of the key to a service or an encryption context. */
  static boolean useScope(String key) {
    return key.startsWith("kms:encryptioncontext") || onBehalf(key);
  }

  /** True for keys present only when an AWS service calls on a user's behalf. */
  static boolean onBehalf(String key) {
    return key.equals("kms:viaservice") || key.startsWith("aws:calledvia");
  }

  /**
   * A context satisfying the conditions of {@code s} whose lower-case keys {@code keep} accepts.
   */
  static RequestContext of(Statement s, Predicate<String> keep) {
    RequestContext.Builder b = RequestContext.builder();
    for (Condition c : s.conditions()) {
      String key = Guards.key(c);
      if (Guards.IDENTITY_KEYS.contains(key) || !keep.test(key) || c.values().isEmpty()) {
        continue;
      }
      String value = value(c);
      if (value == null) {
        continue;
      }
      if (c.operator().qualifier() != SetQualifier.NONE || multiValued(c)) {
        b.put(c.key().value(), List.of(value));
      } else {
        b.put(c.key().value(), value);
      }
    }
    return b.build();
  }

  /** Every condition of {@code s} except identity keys. */
  static RequestContext of(LintContext ctx, Statement s) {
    return ctx.remember(new WitnessOf(s.index()), () -> of(s));
  }

  /** The memo key of the witness of the statement at {@code index}. */
  private record WitnessOf(int index) {}

  static RequestContext of(Statement s) {
    return of(s, k -> true);
  }

  private static boolean multiValued(Condition c) {
    return KmsCatalog.get()
        .conditionKey(c.key().value())
        .map(ResolvedConditionKey::def)
        .map(d -> d.multiValued())
        .orElse(false);
  }

  /** The value to put for {@code c}, or null when the condition holds with the key absent. */
  private static String value(Condition c) {
    OperatorBase base = c.operator().base();
    if (base == null || c.operator().ifExists()) {
      return null;
    }
    SetQualifier q = c.operator().qualifier();
    if (base == OperatorBase.NULL) {
      boolean absent = c.values().get(0).typed() instanceof TypedValue.NullCheck n && n.absent();
      return absent ? null : "present";
    }
    if (base.negated()) {
      return q == SetQualifier.FOR_ANY_VALUE ? "keyvet-other-value" : null;
    }
    if (q == SetQualifier.FOR_ALL_VALUES) {
      return null;
    }
    ConditionValue v = c.values().get(0);
    TypedValue t = v.typed();
    if (t instanceof TypedValue.Num n) {
      BigDecimal step =
          switch (base) {
            case NUMERIC_LESS_THAN -> BigDecimal.ONE.negate();
            case NUMERIC_GREATER_THAN -> BigDecimal.ONE;
            default -> BigDecimal.ZERO;
          };
      return n.value().add(step).toPlainString();
    }
    if (t instanceof TypedValue.DateTime d) {
      return switch (base) {
        case DATE_LESS_THAN -> d.value().minus(Duration.ofDays(1)).toString();
        case DATE_GREATER_THAN -> d.value().plus(Duration.ofDays(1)).toString();
        default -> d.value().toString();
      };
    }
    if (t instanceof TypedValue.Ip ip) {
      String text = v.text();
      int slash = text.indexOf('/');
      return slash < 0 ? text : text.substring(0, slash);
    }
    String text = v.text();
    return base.isLike() ? text.replace('*', 'x').replace('?', 'x') : text;
  }
}
