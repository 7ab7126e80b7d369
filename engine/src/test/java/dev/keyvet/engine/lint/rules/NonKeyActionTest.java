package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class NonKeyActionTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp104_explicitActionsWithoutKey_areFlaggedEachAtItsEntry() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Admin", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
                 "Action": ["kms:CreateKey",
                   "kms:DescribeKey",
                   "kms:ListAliases",
                   "kms:GenerateRandom"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP104")).containsExactly("KP104@8", "KP104@10", "KP104@11");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP104")).isEqualTo("Admin");
  }

  @Test
  void kp104_wildcardMatchingOnlyNonKeyActions_isFlagged_butMixedWildcardsAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Admin", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
                 "Action": ["kms:Create*",
                   "kms:List*",
                   "kms:Describe*",
                   "kms:*CustomKeyStore*"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP104")).containsExactly("KP104@9");
  }

  @Test
  void kp104_denyOfANonKeyAction_isFlagged_butNotActionIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "NotAction": "kms:CreateKey", "Resource": "*"},
                {"Sid": "NoKeys", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "Action": "kms:CreateKey", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP104")).containsExactly("KP104@7");
  }
}
