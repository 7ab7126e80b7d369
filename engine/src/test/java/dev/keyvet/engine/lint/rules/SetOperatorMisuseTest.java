package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class SetOperatorMisuseTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp119_forAllValuesOnSingleValuedKey_isASecurityFinding() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Plain", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}},
                {"Sid": "ForAll", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ForAllValues:StringEquals": {
                   "kms:CallerAccount": "111122223333"}}}
              ]
            }
            """);
    assertThat(at(r, "KP119")).containsExactly("KP119@10");
    assertThat(ReportedDocumentRulesTest.severityOf(r, "KP119")).isEqualTo(Severity.SECURITY);
  }

  @Test
  void kp119_multiValuedKeyWithoutSetOperator_isFlagged_withOneOrWithNullItIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Qualified", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:CreateGrant", "kms:TagResource"], "Resource": "*",
                 "Condition": {"ForAllValues:StringEquals": {"kms:GrantOperations": "Decrypt"},
                   "ForAnyValue:StringLike": {"aws:TagKeys": "team*"},
                   "Null": {"kms:GrantOperations": "false"}}},
                {"Sid": "Bare", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {
                   "kms:EncryptionContextKeys": "app"}}}
              ]
            }
            """);
    assertThat(at(r, "KP119")).containsExactly("KP119@12");
  }

  @Test
  void kp119_forAnyValueOnSingleValuedKey_isNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Any", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ForAnyValue:StringEquals": {"kms:CallerAccount": "111122223333"}}}
              ]
            }
            """);
    assertThat(at(r, "KP119")).isEmpty();
  }
}
