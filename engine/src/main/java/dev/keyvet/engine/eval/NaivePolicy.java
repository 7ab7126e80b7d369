package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.IamDates;
import dev.keyvet.engine.model.IpRange;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.model.TypedValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference interpretation: walks the model for every request, matching each element the
 * plainest way (regular expressions for wildcards, a fresh parse of every value). Slow by design;
 * {@link CompiledPolicy} must give the same answers, which a property test checks. Also explains
 * why a statement does not apply.
 */
final class NaivePolicy implements PolicyMatcher {
  private final PolicyDocument document;
  private final boolean hasPrincipals;

  NaivePolicy(PolicyDocument document, PolicyKind kind) {
    this.document = document;
    this.hasPrincipals = kind.hasPrincipals();
  }

  @Override
  public PolicyDocument document() {
    return document;
  }

  @Override
  public void applicable(EvalRequest r, MatchSink sink) {
    List<Statement> list = document.statements();
    for (int i = 0; i < list.size(); i++) {
      Statement s = list.get(i);
      if (whyNot(s, r) == null) {
        sink.accept(i, s.effect(), principal(s, r));
      }
    }
  }

  /**
   * Why statement {@code s} does not apply to {@code r}: the failing element and the values
   * compared, as {@code {element, detail}}; null when it applies.
   */
  String[] whyNot(Statement s, EvalRequest r) {
    if (s.effect() == null || s.action() == null || s.resource() == null) {
      return new String[] {"Statement", "the statement lacks a valid Effect, Action or Resource"};
    }
    if (!actionMatches(s, r)) {
      return new String[] {s.action().elementName(), "`" + r.action + "` is not covered"};
    }
    if (hasPrincipals && (s.principal() == null || principal(s, r) == PrincipalMatch.NONE)) {
      return new String[] {
        "Principal",
        "caller `"
            + r.caller.arn()
            + "` is not named"
            + (s.principal() == null ? " (no Principal)" : "")
      };
    }
    if (!resourceMatches(s, r)) {
      return new String[] {
        s.resource().elementName(), "key `" + r.request.resource() + "` is not covered"
      };
    }
    for (Condition c : s.conditions()) {
      if (!condition(c, r)) {
        List<String> actual = r.context.values(c.key().value());
        return new String[] {
          "Condition",
          "`"
              + c.operator().text()
              + "` on `"
              + c.key().value()
              + "` wants "
              + c.values().stream().map(v -> "`" + v.text() + "`").toList()
              + ", request has "
              + (actual == null ? "no value" : actual.stream().map(v -> "`" + v + "`").toList())
        };
      }
    }
    return null;
  }

  private static boolean actionMatches(Statement s, EvalRequest r) {
    boolean listed = false;
    for (Text t : s.action().patterns()) {
      listed |= regex(t.value(), true).matcher(r.action).matches();
    }
    return listed != s.action().negated();
  }

  PrincipalMatch principal(Statement s, EvalRequest r) {
    if (!hasPrincipals) {
      return PrincipalMatch.IMPLICIT;
    }
    Caller c = r.caller;
    List<Principal> ps = s.principal().principals();
    if (s.principal().negated()) {
      if (s.effect() != Effect.DENY) {
        return PrincipalMatch.NONE;
      }
      boolean bounded =
          r.hasBoundary && (c.type() == CallerType.USER || c.type() == CallerType.ROLE_SESSION);
      boolean anyListed = ps.stream().anyMatch(p -> p instanceof Principal.Any);
      List<String> chain = new ArrayList<>();
      if (c.type() == CallerType.SERVICE) {
        chain.add("service:" + c.arn());
      } else {
        chain.add("account:" + c.partition() + ":" + c.account());
        if (c.type() == CallerType.ROLE_SESSION) {
          chain.add("role:" + c.principalArn());
        }
        if (c.type() != CallerType.ROOT) {
          chain.add("exact:" + c.arn());
        }
      }
      List<String> listed =
          ps.stream()
              .map(NaivePolicy::key)
              .map(
                  k ->
                      k.startsWith("account:*:")
                          ? "account:" + c.partition() + ":" + k.substring(10)
                          : k)
              .toList();
      boolean exempt = !bounded && (anyListed || listed.containsAll(chain));
      return exempt ? PrincipalMatch.NONE : PrincipalMatch.NOT_EXEMPT;
    }
    PrincipalMatch best = PrincipalMatch.NONE;
    for (Principal p : ps) {
      PrincipalMatch m = single(p, c, s.effect());
      if (rank(m) > rank(best)) {
        best = m;
      }
    }
    return best;
  }

  private static int rank(PrincipalMatch m) {
    switch (m) {
      case EXACT:
      case SERVICE:
        return 4;
      case ANY:
        return 3;
      case ROLE:
        return 2;
      case ACCOUNT:
        return 1;
      default:
        return 0;
    }
  }

  private static PrincipalMatch single(Principal p, Caller c, Effect effect) {
    if (p instanceof Principal.Invalid bad) {
      boolean deleted = DeletedPrincipals.isUniqueId(bad.text());
      return effect == Effect.DENY && !deleted ? PrincipalMatch.ANY : PrincipalMatch.NONE;
    }
    if (p instanceof Principal.Any) {
      return PrincipalMatch.ANY;
    }
    if (c.type() == CallerType.SERVICE) {
      return p instanceof Principal.Service svc && svc.name().equals(c.arn())
          ? PrincipalMatch.SERVICE
          : PrincipalMatch.NONE;
    }
    String k = key(p);
    if (k.equals("account:" + c.partition() + ":" + c.account())
        || k.equals("account:*:" + c.account())) {
      return PrincipalMatch.ACCOUNT;
    }
    if (c.type() == CallerType.ROLE_SESSION && k.equals("role:" + c.principalArn())) {
      return PrincipalMatch.ROLE;
    }
    if (c.type() != CallerType.ROOT && k.equals("exact:" + c.arn())) {
      return PrincipalMatch.EXACT;
    }
    return PrincipalMatch.NONE;
  }

  private static String key(Principal p) {
    if (p instanceof Principal.Account a) {
      return "account:"
          + (a.text().equals(a.accountId()) ? "*" : a.partition())
          + ":"
          + a.accountId();
    }
    if (p instanceof Principal.IamRole role) {
      return "role:" + role.text();
    }
    if (p instanceof Principal.Service svc) {
      return "service:" + svc.name();
    }
    return "exact:" + p.text();
  }

  private static boolean resourceMatches(Statement s, EvalRequest r) {
    String key = r.request.resource();
    boolean listed = false;
    for (Template t : s.resource().patterns()) {
      if (t.text().equals("*")) {
        listed = true;
      } else if (key != null) {
        String regex = substituted(t, r, true);
        listed |= regex != null && arnLike(regex, key);
      }
    }
    return listed != s.resource().negated();
  }

  private boolean condition(Condition c, EvalRequest r) {
    OperatorBase base = c.operator().base();
    if (base == null) {
      return false;
    }
    List<String> actual = r.context.values(c.key().value());
    if (actual != null && actual.isEmpty()) {
      actual = null;
    }
    if (base == OperatorBase.NULL) {
      for (ConditionValue v : c.values()) {
        if (v.typed() instanceof TypedValue.NullCheck n && n.absent() == (actual == null)) {
          return true;
        }
      }
      return false;
    }
    SetQualifier q = c.operator().qualifier();
    boolean neg = base.negated();
    if (q == SetQualifier.NONE) {
      if (actual == null) {
        return c.operator().ifExists() || neg;
      }
      return actual.size() == 1 && satisfies(c, actual.get(0), r);
    }
    if (actual == null) {
      return q == SetQualifier.FOR_ALL_VALUES || c.operator().ifExists();
    }
    boolean all = true;
    boolean any = false;
    for (String a : actual) {
      boolean ok = satisfies(c, a, r);
      all &= ok;
      any |= ok;
    }
    return q == SetQualifier.FOR_ALL_VALUES ? all : any;
  }

  /** Positive operators: some value matches; negated: none does. */
  private boolean satisfies(Condition c, String actual, EvalRequest r) {
    boolean matched = false;
    for (ConditionValue v : c.values()) {
      matched |= matches(c.operator().base(), v, actual, r);
    }
    return matched != c.operator().base().negated();
  }

  private boolean matches(OperatorBase base, ConditionValue v, String actual, EvalRequest r) {
    TypedValue t = v.typed();
    switch (base.family()) {
      case STRING:
      case ARN:
        if (!(t instanceof TypedValue.Str s)) {
          return false;
        }
        boolean like = base.isLike();
        String expected = substituted(s.template(), r, like);
        if (expected == null) {
          return false;
        }
        if (base.family() == dev.keyvet.engine.model.OperatorFamily.ARN) {
          return arnLike(expected, actual);
        }
        if (like) {
          return Pattern.compile(expected, Pattern.DOTALL).matcher(actual).matches();
        }
        return base == OperatorBase.STRING_EQUALS_IGNORE_CASE
                || base == OperatorBase.STRING_NOT_EQUALS_IGNORE_CASE
            ? expected.equalsIgnoreCase(actual)
            : expected.equals(actual);
      case NUMERIC:
        BigDecimal n = Numbers.parse(actual);
        return t instanceof TypedValue.Num num
            && n != null
            && ordered(base, n.compareTo(num.value()));
      case DATE:
        Instant d = IamDates.parse(actual).orElse(null);
        return t instanceof TypedValue.DateTime dt
            && d != null
            && ordered(base, d.compareTo(dt.value()));
      case BOOL:
        return t instanceof TypedValue.Bool b && actual.equalsIgnoreCase(String.valueOf(b.value()));
      case BINARY:
        return t instanceof TypedValue.Bytes bytes
            && bytes.base64().equals(CompiledCondition.canonicalBase64(actual));
      case IP_ADDRESS:
        IpRange a = IpRange.parse(actual).orElse(null);
        return t instanceof TypedValue.Ip ip && a != null && ip.range().contains(a);
      default:
        return false;
    }
  }

  private static boolean ordered(OperatorBase base, int cmp) {
    String name = base.jsonName();
    if (name.endsWith("LessThan")) {
      return cmp < 0;
    }
    if (name.endsWith("LessThanEquals")) {
      return cmp <= 0;
    }
    if (name.endsWith("GreaterThan")) {
      return cmp > 0;
    }
    if (name.endsWith("GreaterThanEquals")) {
      return cmp >= 0;
    }
    return cmp == 0;
  }

  /**
   * The template with variables replaced; as a regular expression (wildcards active only in literal
   * parts) when {@code asRegex}; null when a variable has no value.
   */
  private static String substituted(Template t, EvalRequest r, boolean asRegex) {
    StringBuilder sb = new StringBuilder();
    for (Template.Part p : t.parts()) {
      String literal;
      if (p instanceof Template.Literal l) {
        sb.append(asRegex ? regex(l.text(), false).pattern() : l.text());
        continue;
      } else if (p instanceof Template.Escaped e) {
        literal = String.valueOf(e.character());
      } else {
        Template.Variable v = (Template.Variable) p;
        literal = r.variable(v.key());
        if (literal == null) {
          literal = v.defaultValue();
        }
        if (literal == null) {
          return null;
        }
      }
      sb.append(asRegex ? Pattern.quote(literal) : literal);
    }
    return sb.toString();
  }

  /** IAM wildcards as a regular expression: {@code *} any run, {@code ?} one character. */
  private static Pattern regex(String glob, boolean ignoreCase) {
    StringBuilder sb = new StringBuilder();
    for (String piece : glob.split("(?=[*?])|(?<=[*?])")) {
      sb.append(piece.equals("*") ? ".*" : piece.equals("?") ? "." : Pattern.quote(piece));
    }
    return Pattern.compile(
        sb.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
  }

  /** ArnLike: the six colon-separated parts matched one by one; the last keeps its colons. */
  private static boolean arnLike(String patternRegex, String arn) {
    String[] p = splitRegex(patternRegex);
    String[] a = arn.split(":", 6);
    if (p == null) {
      return patternRegex.equals(".*");
    }
    if (a.length < 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!Pattern.compile(p[i], Pattern.DOTALL).matcher(a[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Splits a regex built by {@link #regex} at its first five literal colons. */
  private static String[] splitRegex(String regex) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    while (i < regex.length()) {
      if (regex.startsWith("\\Q", i)) {
        quoted = true;
        cur.append("\\Q");
        i += 2;
      } else if (regex.startsWith("\\E", i)) {
        quoted = false;
        cur.append("\\E");
        i += 2;
      } else if (quoted && regex.charAt(i) == ':' && parts.size() < 5) {
        cur.append("\\E");
        parts.add(cur.toString());
        cur = new StringBuilder("\\Q");
        i++;
      } else {
        cur.append(regex.charAt(i++));
      }
    }
    parts.add(cur.toString());
    return parts.size() == 6 ? parts.toArray(new String[0]) : null;
  }
}
