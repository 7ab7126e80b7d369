package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

/**
 * The grammar rules (KP101-KP120) whose findings the reader or the catalogue checks make while the
 * policy is read.
 */
class ReportedGrammarRulesTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp101_s3ActionAndBareName_areFlagged_butKmsActionsAndStarAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "*", "Resource": "*"},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Decrypt",
                   "s3:GetObject",
                   "Encrypt"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP101")).containsExactly("KP101@8", "KP101@9");
    assertThat(ReportedDocumentRulesTest.statementOf(r, "KP101")).isEqualTo("B");
  }

  @Test
  void kp102_typoAndLostWildcard_areFlagged_butValidWildcardsAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:ReEncrypt*", "kms:Get*"], "Resource": "*"},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Decrypts",
                   "kms:ReEncrypt",
                   "kms:Encrypts*"],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP102")).containsExactly("KP102@7", "KP102@8", "KP102@9");
  }

  @Test
  void kp105_lowerCaseAction_isFlagged_butCanonicalAndWildcardActionsAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": ["kms:Encrypt", "kms:get*"], "Resource": "*"},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:encrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP105")).containsExactly("KP105@7");
  }

  @Test
  void kp106_bucketArnAndAliasArn_areFlagged_butStarAndKeyArnAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt",
                 "Resource": ["arn:aws:kms:us-east-1:111122223333:key/*",
                   "arn:aws:s3:::myBucketName",
                   "arn:aws:kms:us-east-1:111122223333:alias/app"]}
              ]
            }
            """);
    assertThat(at(r, "KP106")).containsExactly("KP106@9", "KP106@10");
  }

  @Test
  void kp109_groupAndUnknownType_areFlagged_butUsersRolesAndServicesAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow",
                 "Principal": {"AWS": ["arn:aws:iam::111122223333:user/u",
                   "arn:aws:iam::111122223333:role/r"], "Service": "logs.amazonaws.com"},
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "B", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:group/Ops",
                   "Users": "alice"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP109")).containsExactly("KP109@9", "KP109@10");
  }

  @Test
  void kp110_wildcardInRoleArn_isFlagged_butABareStarIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}},
                {"Sid": "B", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP110")).containsExactly("KP110@8");
  }

  @Test
  void kp112_typoIsAnError_deprecatedKeyAWarning_knownKeysNothing() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333",
                   "kms:EncryptionContext:app": "x"}}},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"kms:CallerAcount": "111122223333",
                   "kms:CustomerMasterKeySpec": "SYMMETRIC_DEFAULT"}}}
              ]
            }
            """);
    assertThat(at(r, "KP112")).containsExactly("KP112@10", "KP112@11");
    assertThat(r.findings())
        .filteredOn(f -> ReportedDocumentRulesTest.code(f, "KP112"))
        .extracting(f -> f.diagnostic().severity())
        .containsExactly(Severity.ERROR, Severity.WARNING);
  }

  @Test
  void kp114_misspeltOperator_isFlagged_butQualifiedIfExistsOperatorsAreNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"ForAnyValue:StringLikeIfExists": {"kms:EncryptionContextKeys": "a*"}}},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEqual": {"kms:CallerAccount": "111122223333"}}}
              ]
            }
            """);
    assertThat(at(r, "KP114")).containsExactly("KP114@9");
  }

  @Test
  void kp116_boolThatIsNotTrueOrFalse_isFlagged_butTrueIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"Bool": {"kms:MultiRegion": "true"}}},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"Bool": {"kms:MultiRegion": "maybe"}}}
              ]
            }
            """);
    assertThat(at(r, "KP116")).containsExactly("KP116@9");
  }

  @Test
  void kp120_unclosedVariable_isFlagged_butAWellFormedVariableIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:username"}}}
              ]
            }
            """);
    assertThat(at(r, "KP120")).containsExactly("KP120@9");
  }
}
