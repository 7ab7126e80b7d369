package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.TypedValue;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which conditions limit who a statement applies to. A condition binds the caller when it requires
 * (not merely permits) a value of a key that comes from the caller's identity or the calling
 * resource, and every value it accepts names a specific account, organization or ARN: {@code
 * kms:CallerAccount}, {@code aws:PrincipalAccount}, {@code aws:PrincipalOrgID}, {@code
 * aws:PrincipalOrgPaths}, {@code aws:PrincipalArn}, {@code aws:SourceAccount}, {@code
 * aws:SourceArn}, {@code aws:SourceOrgID}, {@code aws:SourceOrgPaths}. {@code ...IfExists}, negated
 * operators, {@code ForAllValues} and wildcard values bind nothing.
 */
final class Guards {
  private Guards() {}

  static final Set<String> ACCOUNT_KEYS = Set.of("kms:calleraccount", "aws:principalaccount");
  static final Set<String> ORG_KEYS = Set.of("aws:principalorgid", "aws:principalorgpaths");
  static final String PRINCIPAL_ARN = "aws:principalarn";
  static final Set<String> SOURCE_KEYS =
      Set.of("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths");

  /**
   * Keys whose values come from who is calling. A witness request never sets them: the evaluator
   * derives the derivable ones from the caller, and the rest are absent unless a probe states them.
   */
  static final Set<String> IDENTITY_KEYS =
      Set.of(
          "kms:calleraccount",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principaltype",
          "aws:principalisawsservice",
          "aws:principalservicename",
          "aws:principalservicenameslist",
          "aws:username",
          "aws:userid",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:sourceaccount",
          "aws:sourcearn",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:resourceaccount",
          "aws:resourceorgid",
          "aws:resourceorgpaths",
          "aws:securetransport",
          "aws:viaawsservice");

  /** The condition key in lower case. */
  static String key(Condition c) {
    return c.key().value().toLowerCase(Locale.ROOT);
  }

  /**
   * True when the condition can only hold with the key present and matching: a known positive
   * operator, without {@code IfExists} and without {@code ForAllValues}.
   */
  static boolean requiresMatch(Condition c) {
    OperatorBase base = c.operator().base();
    return base != null
        && base != OperatorBase.NULL
        && !base.negated()
        && !c.operator().ifExists()
        && c.operator().qualifier() != SetQualifier.FOR_ALL_VALUES;
  }

  /** True when the condition binds the caller's account, organization or identity. */
  static boolean binds(Condition c) {
    String key = key(c);
    boolean identity =
        ACCOUNT_KEYS.contains(key)
            || ORG_KEYS.contains(key)
            || key.equals(PRINCIPAL_ARN)
            || SOURCE_KEYS.contains(key);
    if (!identity || !requiresMatch(c) || c.values().isEmpty()) {
      return false;
    }
    OperatorFamily family = c.operator().base().family();
    if (family != OperatorFamily.STRING && family != OperatorFamily.ARN) {
      return false;
    }
    for (ConditionValue v : c.values()) {
      if (!pins(c, key, v)) {
        return false;
      }
    }
    return true;
  }

  /** The conditions of {@code s} that bind the caller. */
  static List<Condition> bindings(Statement s) {
    List<Condition> out = new ArrayList<>();
    for (Condition c : s.conditions()) {
      if (binds(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** True when value {@code v} names one account, organization or resource. */
  private static boolean pins(Condition c, String key, ConditionValue v) {
    if (v.typed() instanceof TypedValue.Str str && str.template().hasVariables()) {
      return false;
    }
    String text = v.text();
    if (text.isEmpty()) {
      return false;
    }
    boolean like = c.operator().base().isLike();
    if (key.equals(PRINCIPAL_ARN) || key.equals("aws:sourcearn")) {
      String[] parts = Arn.splitParts(text);
      if (parts == null) {
        return false;
      }
      String account = parts[4];
      if (!account.isEmpty()) {
        return Arn.isAccountId(account);
      }
      return !like || !Wildcards.hasWildcard(text);
    }
    if (key.endsWith("orgpaths")) {
      int slash = text.indexOf('/');
      String org = slash < 0 ? text : text.substring(0, slash);
      return !org.isEmpty() && !(like && Wildcards.hasWildcard(org));
    }
    return !like || !Wildcards.hasWildcard(text);
  }

  /** The literal values of a condition, wildcards included, in order. */
  static List<String> values(Condition c) {
    List<String> out = new ArrayList<>();
    for (ConditionValue v : c.values()) {
      out.add(v.text());
    }
    return out;
  }

  /** The organization ID of an {@code aws:PrincipalOrgID} value or an org path. */
  static String orgOf(String value) {
    int slash = value.indexOf('/');
    return slash < 0 ? value : value.substring(0, slash);
  }
}
