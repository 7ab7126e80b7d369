package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

class KeyNotSupportedByActionTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp113_encryptionContextOnDescribeWildcard_flagsTheKey_cryptoOnlyStatementIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Logs", "Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"},
                 "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"],
                 "Resource": "*",
                 "Condition": {"ArnEquals": {"kms:EncryptionContext:aws:logs:arn":
                   "arn:aws:logs:us-east-1:111122223333:log-group:g"}}},
                {"Sid": "LogsDescribe", "Effect": "Allow",
                 "Principal": {"Service": "logs.amazonaws.com"},
                 "Action": ["kms:Encrypt*", "kms:Describe*"],
                 "Resource": "*",
                 "Condition": {"ArnEquals": {
                   "kms:EncryptionContext:aws:logs:arn":
                     "arn:aws:logs:us-east-1:111122223333:log-group:g"}}}
              ]
            }
            """);
    assertThat(at(r, "KP113")).containsExactly("KP113@14");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP113")).isEqualTo("LogsDescribe");
  }

  @Test
  void kp113_grantIsForAwsResourceOnDecrypt_isFlaggedOncePerCondition() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Attach", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                 "Resource": "*",
                 "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}},
                {"Sid": "Mixed", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:CreateGrant"],
                 "Resource": "*",
                 "Condition": {"Bool": {
                   "kms:GrantIsForAWSResource": "true"}}}
              ]
            }
            """);
    assertThat(at(r, "KP113")).containsExactly("KP113@12");
  }

  @Test
  void kp113_commonGlobalAndIfExistsKeys_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Managed", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"],
                 "Resource": "*",
                 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333",
                   "kms:ViaService": "ec2.us-east-1.amazonaws.com"},
                   "ArnLike": {"aws:SourceArn": "arn:aws:ec2:us-east-1:111122223333:*"}}},
                {"Sid": "Optional", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Decrypt", "kms:DescribeKey"],
                 "Resource": "*",
                 "Condition": {"StringEqualsIfExists": {"kms:EncryptionContext:app": "x"}}}
              ]
            }
            """);
    assertThat(at(r, "KP113")).isEmpty();
  }

  @Test
  void kp113_notActionAndActionsWithoutKey_areNotFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Except", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "NotAction": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:EncryptionContext:app": "x"}}},
                {"Sid": "NoKey", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Decrypt", "kms:ListAliases"], "Resource": "*",
                 "Condition": {"StringEquals": {"kms:EncryptionContext:app": "x"}}}
              ]
            }
            """);
    assertThat(at(r, "KP113")).isEmpty();
  }

  @Test
  void kp113_denyWithNegatedOperator_isFlaggedToo() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "RequireContext", "Effect": "Deny", "Principal": {"AWS": "*"},
                 "Action": ["kms:Decrypt", "kms:PutKeyPolicy"], "Resource": "*",
                 "Condition": {"StringNotEquals": {"kms:EncryptionContext:app": "x"}}}
              ]
            }
            """);
    assertThat(at(r, "KP113")).containsExactly("KP113@8");
  }
}
