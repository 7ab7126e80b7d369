package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class ResourceNotStarTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp107_keyArnAndKeyPattern_areFlagged_butStarIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt",
                 "Resource": ["*",
                   "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                   "arn:aws:kms:us-west-2:111122223333:key/*"]}
              ]
            }
            """);
    assertThat(at(r, "KP107")).containsExactly("KP107@9", "KP107@10");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP107")).isEqualTo("Use");
  }

  @Test
  void kp107_valuesAlreadyRejectedByTheReader_areNotFlaggedAgain() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt",
                 "Resource": ["arn:aws:s3:::myBucketName",
                   "",
                   "arn:aws:kms:${region}:111122223333:key/*"]}
              ]
            }
            """);
    assertThat(at(r, "KP107")).isEmpty();
    assertThat(at(r, "KP106")).isNotEmpty();
  }

  @Test
  void kp107_notResource_isLeftToKp108() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt",
                 "NotResource": "arn:aws:kms:us-east-1:111122223333:key/other"}
              ]
            }
            """);
    assertThat(at(r, "KP107")).isEmpty();
    assertThat(at(r, "KP108")).containsExactly("KP108@6");
  }
}
