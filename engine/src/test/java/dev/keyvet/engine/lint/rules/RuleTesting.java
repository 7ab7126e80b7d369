package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import java.util.List;

/**
 * Policies for rule tests, written one statement per line in single-quoted JSON so that statement
 * {@code i} (from 0) is on line {@code i + 2}, and the findings of one code as {@code CODE@line}.
 */
final class RuleTesting {
  private RuleTesting() {}

  /** The account root of the key's account, with {@code kms:*}: the default key policy. */
  static final String ROOT =
      "{'Sid':'Root','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::111122223333:root'},"
          + "'Action':'kms:*','Resource':'*'}";

  /** An Allow statement: Sid, principal element, action element, then optional condition. */
  static String allow(String sid, String principal, String action, String... condition) {
    return statement("Allow", sid, principal, action, condition);
  }

  /** A Deny statement: Sid, principal element, action element, then optional condition. */
  static String deny(String sid, String principal, String action, String... condition) {
    return statement("Deny", sid, principal, action, condition);
  }

  private static String statement(
      String effect, String sid, String principal, String action, String... condition) {
    return "{'Sid':'"
        + sid
        + "','Effect':'"
        + effect
        + "','Principal':"
        + principal
        + ",'Action':"
        + action
        + ",'Resource':'*'"
        + (condition.length == 0 ? "" : ",'Condition':" + condition[0])
        + "}";
  }

  /** {@code {"AWS": arn}}. */
  static String aws(String arn) {
    return "{'AWS':'" + arn + "'}";
  }

  /** The policy holding {@code statements}, statement {@code i} on line {@code i + 2}. */
  static String policy(String... statements) {
    return ("{'Version':'2012-10-17','Statement':[\n" + String.join(",\n", statements) + "\n]}\n")
        .replace('\'', '"');
  }

  static LintResult lint(String... statements) {
    return lint(LintConfig.DEFAULT, statements);
  }

  static LintResult lint(LintConfig config, String... statements) {
    return LintTesting.lint(policy(statements), config);
  }

  /** The findings of {@code code} as {@code CODE@line}. */
  static List<String> at(LintResult r, String code) {
    return LintTesting.at(r, code);
  }

  /** The single finding of {@code code}. */
  static Finding only(LintResult r, String code) {
    List<Finding> found =
        r.findings().stream().filter(f -> f.diagnostic().code().id().equals(code)).toList();
    assertThat(found).as("findings of %s in %s", code, r.findings()).hasSize(1);
    return found.get(0);
  }

  /** Asserts the evidence of {@code f}: who, doing what, decided by which statement. */
  static void assertEvidence(Finding f, String principal, String action, String statement) {
    assertThat(f.evidence()).as("evidence of %s", f.diagnostic()).isNotNull();
    assertThat(f.evidence().principal()).isEqualTo(principal);
    assertThat(f.evidence().action()).isEqualTo(action);
    assertThat(f.evidence().decidingStatement()).isEqualTo(statement);
  }

  /** Asserts the message style: lower case start, no final period, one line. */
  static void assertStyle(Finding f) {
    String m = f.diagnostic().message();
    assertThat(m).doesNotContain("\n").doesNotEndWith(".");
    assertThat(Character.isUpperCase(m.charAt(0))).as("lower-case start: %s", m).isFalse();
    assertThat(f.diagnostic().help()).isNotBlank();
  }
}
