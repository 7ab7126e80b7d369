package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.IamDates;
import dev.keyvet.engine.model.IpRange;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.TypedValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One condition, compiled: the key lower-cased, each policy value parsed once (and, for {@code
 * *Like} and ARN operators, turned into a glob), so evaluation compares typed values without
 * re-parsing the policy. Semantics follow IAM: absent keys, {@code IfExists}, {@code Null}, negated
 * operators (NOR over values), and the set operators.
 */
final class CompiledCondition {
  private final String lowerKey;
  private final OperatorBase base;
  private final SetQualifier qualifier;
  private final boolean ifExists;
  private final Object[] values;
  private final Template[] templates;

  CompiledCondition(Condition c) {
    this.lowerKey = c.key().value().toLowerCase(Locale.ROOT);
    this.base = c.operator().base();
    this.qualifier = c.operator().qualifier();
    this.ifExists = c.operator().ifExists();
    int n = c.values().size();
    this.values = new Object[n];
    this.templates = new Template[n];
    for (int i = 0; i < n; i++) {
      ConditionValue v = c.values().get(i);
      if (v.typed() instanceof TypedValue.Str s && s.template().hasVariables()) {
        templates[i] = s.template();
      } else {
        values[i] = compile(v.typed());
      }
    }
  }

  private Object compile(TypedValue typed) {
    if (typed instanceof TypedValue.Str s) {
      return staticString(s.template());
    }
    if (typed instanceof TypedValue.Num n) {
      return n.value();
    }
    if (typed instanceof TypedValue.DateTime d) {
      return d.value();
    }
    if (typed instanceof TypedValue.Bool b) {
      return b.value();
    }
    if (typed instanceof TypedValue.Bytes b) {
      return b.base64();
    }
    if (typed instanceof TypedValue.Ip ip) {
      return ip.range();
    }
    if (typed instanceof TypedValue.NullCheck nc) {
      return nc.absent();
    }
    return null;
  }

  /** A string value in the form its operator compares: a glob, an ARN glob, or the string. */
  private Object staticString(Template t) {
    if (base == null) {
      return null;
    }
    if (base.family() == OperatorFamily.ARN) {
      return ArnGlob.of(Glob.of(t, new String[0]));
    }
    if (base.isLike()) {
      return Glob.of(t, new String[0]);
    }
    return t.literalValue();
  }

  boolean evaluate(EvalRequest r) {
    if (base == null) {
      return false;
    }
    RequestContext.Entry entry = r.context.entryLowerCase(lowerKey);
    List<String> present = entry == null || entry.values().isEmpty() ? null : entry.values();
    if (base == OperatorBase.NULL) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Boolean absent && absent == (present == null)) {
          return true;
        }
      }
      return false;
    }
    boolean negated = base.negated();
    switch (qualifier) {
      case NONE:
        if (present == null) {
          return ifExists || negated;
        }
        if (present.size() > 1) {
          return false;
        }
        return test(present.get(0), r) != negated;
      case FOR_ALL_VALUES:
        if (present == null) {
          return true;
        }
        for (int i = 0; i < present.size(); i++) {
          if (test(present.get(i), r) == negated) {
            return false;
          }
        }
        return true;
      case FOR_ANY_VALUE:
        if (present == null) {
          return ifExists;
        }
        for (int i = 0; i < present.size(); i++) {
          if (test(present.get(i), r) != negated) {
            return true;
          }
        }
        return false;
      default:
        throw new IllegalStateException(qualifier.name());
    }
  }

  /** True when request value {@code actual} matches any policy value under the positive test. */
  private boolean test(String actual, EvalRequest r) {
    for (int i = 0; i < values.length; i++) {
      Object expected = templates[i] == null ? values[i] : substitute(templates[i], r);
      if (expected != null && compare(expected, actual)) {
        return true;
      }
    }
    return false;
  }

  /** The value of a template under this request, or null when a variable has no value. */
  private Object substitute(Template t, EvalRequest r) {
    String[] vars = Substitution.values(t, r);
    if (vars == null) {
      return null;
    }
    Glob glob = Glob.of(t, vars);
    if (base.family() == OperatorFamily.ARN) {
      return ArnGlob.of(glob);
    }
    return base.isLike() ? glob : glob.text();
  }

  private boolean compare(Object expected, String actual) {
    switch (base) {
      case STRING_EQUALS:
      case STRING_NOT_EQUALS:
        return expected.equals(actual);
      case STRING_EQUALS_IGNORE_CASE:
      case STRING_NOT_EQUALS_IGNORE_CASE:
        return ((String) expected).equalsIgnoreCase(actual);
      case STRING_LIKE:
      case STRING_NOT_LIKE:
        return ((Glob) expected).matches(actual);
      case ARN_EQUALS:
      case ARN_LIKE:
      case ARN_NOT_EQUALS:
      case ARN_NOT_LIKE:
        return ((ArnGlob) expected).matches(actual);
      case BOOL:
        return actual.equalsIgnoreCase(((Boolean) expected) ? "true" : "false");
      case BINARY_EQUALS:
        return expected.equals(canonicalBase64(actual));
      case IP_ADDRESS:
      case NOT_IP_ADDRESS:
        IpRange address = IpRange.parse(actual).orElse(null);
        return address != null && ((IpRange) expected).contains(address);
      default:
        return compareOrdered(expected, actual);
    }
  }

  private boolean compareOrdered(Object expected, String actual) {
    int cmp;
    if (expected instanceof BigDecimal number) {
      BigDecimal a = Numbers.parse(actual);
      if (a == null) {
        return false;
      }
      cmp = a.compareTo(number);
    } else {
      Instant a = IamDates.parse(actual).orElse(null);
      if (a == null) {
        return false;
      }
      cmp = a.compareTo((Instant) expected);
    }
    switch (base) {
      case NUMERIC_EQUALS:
      case NUMERIC_NOT_EQUALS:
      case DATE_EQUALS:
      case DATE_NOT_EQUALS:
        return cmp == 0;
      case NUMERIC_LESS_THAN:
      case DATE_LESS_THAN:
        return cmp < 0;
      case NUMERIC_LESS_THAN_EQUALS:
      case DATE_LESS_THAN_EQUALS:
        return cmp <= 0;
      case NUMERIC_GREATER_THAN:
      case DATE_GREATER_THAN:
        return cmp > 0;
      case NUMERIC_GREATER_THAN_EQUALS:
      case DATE_GREATER_THAN_EQUALS:
        return cmp >= 0;
      default:
        throw new IllegalStateException(base.name());
    }
  }

  static String canonicalBase64(String s) {
    try {
      return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
