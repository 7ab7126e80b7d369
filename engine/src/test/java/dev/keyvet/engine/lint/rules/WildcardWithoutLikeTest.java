package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class WildcardWithoutLikeTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp117_wildcardValuesOfEqualsOperators_areFlaggedAtTheValue() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Like", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringLike": {"kms:ViaService": "*.amazonaws.com"}}},
                {"Sid": "Equals", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:ViaService": [
                   "ec2.us-east-1.amazonaws.com",
                   "*.amazonaws.com"]},
                   "StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team":
                     "ops-?"}}}
              ]
            }
            """);
    assertThat(at(r, "KP117")).containsExactly("KP117@11", "KP117@13");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP117")).isEqualTo("Equals");
  }

  @Test
  void kp117_arnOperatorsAndEscapedWildcards_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Arn", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::bucket-*"}}},
                {"Sid": "Escaped", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:EncryptionContext:name": "a${*}b"}}}
              ]
            }
            """);
    assertThat(at(r, "KP117")).isEmpty();
  }
}
