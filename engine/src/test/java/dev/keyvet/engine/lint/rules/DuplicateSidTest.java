package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class DuplicateSidTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp014_twoStatementsShareSid_flagsTheSecond() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                 "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"},
                {"Sid": "Allow use of the key", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/A"},
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "Allow use of the key", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/B"},
                 "Action": "kms:Encrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP014")).containsExactly("KP014@9");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP014")).isEqualTo("Allow use of the key");
  }

  @Test
  void kp014_threeStatementsShareSid_flagsEachAfterTheFirst() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Encrypt", "Resource": "*"},
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Sign", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP014")).containsExactly("KP014@6", "KP014@8");
  }

  @Test
  void kp014_sidsWithSpacesPunctuationOrOtherCase_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Allow use of the key (app team)", "Effect": "Allow",
                 "Principal": {"AWS": "111122223333"}, "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "allow use of the key (app team)", "Effect": "Allow",
                 "Principal": {"AWS": "111122223333"}, "Action": "kms:Encrypt", "Resource": "*"},
                {"Sid": "Allow attachment of persistent resources", "Effect": "Allow",
                 "Principal": {"AWS": "111122223333"}, "Action": "kms:CreateGrant",
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP014")).isEmpty();
  }

  @Test
  void kp014_statementsWithoutSidOrWithAnEmptySid_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Encrypt", "Resource": "*"},
                {"Sid": "", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Sign", "Resource": "*"},
                {"Sid": "", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Verify", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP014")).isEmpty();
  }
}
