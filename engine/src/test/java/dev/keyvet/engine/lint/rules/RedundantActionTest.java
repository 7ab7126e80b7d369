package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class RedundantActionTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp121_actionsCoveredByAWildcardOrRepeated_areFlaggedAtTheRedundantEntry() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:*",
                   "kms:PutKeyPolicy"],
                 "Resource": "*"},
                {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Get*",
                   "kms:GetKeyPolicy",
                   "kms:Decrypt",
                   "kms:decrypt"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP121")).containsExactly("KP121@6", "KP121@10", "KP121@12");
  }

  @Test
  void kp121_ofAnExplicitNameAndAnEquivalentWildcard_onlyTheNameIsFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Signer", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Sign",
                   "kms:Sign*"],
                 "Resource": "*"},
                {"Sid": "Except", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "NotAction": ["kms:Describe*",
                   "kms:DescribeKey"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP121")).containsExactly("KP121@5", "KP121@10");
  }

  @Test
  void kp121_overlapAcrossStatements_disjointWildcardsAndForeignActions_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*",
                   "s3:*", "s3:GetObject"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP121")).isEmpty();
  }
}
