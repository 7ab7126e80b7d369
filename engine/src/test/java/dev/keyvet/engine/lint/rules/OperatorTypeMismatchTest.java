package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class OperatorTypeMismatchTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp115_stringOperatorsOnBoolNumericAndIpKeys_areFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Fine", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:CreateGrant", "kms:ScheduleKeyDeletion"], "Resource": "*",
                 "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"},
                   "NumericGreaterThanEquals": {"kms:ScheduleKeyDeletionPendingWindowInDays": "30"},
                   "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
                {"Sid": "Wrong", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:CreateGrant", "kms:ScheduleKeyDeletion"], "Resource": "*",
                 "Condition": {"StringEquals": {
                   "kms:GrantIsForAWSResource": "true",
                   "kms:ScheduleKeyDeletionPendingWindowInDays": "30",
                   "aws:SourceIp": "203.0.113.7"}}}
              ]
            }
            """);
    assertThat(at(r, "KP115")).containsExactly("KP115@12", "KP115@13", "KP115@14");
  }

  @Test
  void kp115_arnEqualsOnAStringKeyWithArnValues_isNotFlagged_withAnAccountIdItIs() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Logs", "Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"},
                 "Action": "kms:Decrypt*", "Resource": "*",
                 "Condition": {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn":
                   "arn:aws:logs:us-east-1:111122223333:log-group:g"}}},
                {"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ArnEquals": {
                   "kms:CallerAccount": "111122223333"}}}
              ]
            }
            """);
    assertThat(at(r, "KP115")).containsExactly("KP115@11");
  }

  @Test
  void kp115_stringOperatorsOnArnKeys_epochNumbersAndNull_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Svc", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:s3:::bucket-*"},
                   "NumericLessThan": {"aws:EpochTime": "1893456000"},
                   "Null": {"aws:SourceIp": "false"}}},
                {"Sid": "Time", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"NumericLessThan": {
                   "aws:CurrentTime": "1893456000"}}}
              ]
            }
            """);
    assertThat(at(r, "KP115")).containsExactly("KP115@12");
  }
}
