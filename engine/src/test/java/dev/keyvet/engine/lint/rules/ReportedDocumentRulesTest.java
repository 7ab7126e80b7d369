package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.LintTesting.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

/** The structure rules (KP002-KP015) whose findings the reader makes while building the model. */
class ReportedDocumentRulesTest {

  private static LintResult lint(String json) {
    return LintTesting.lint(json, LintConfig.DEFAULT);
  }

  @Test
  void kp002_duplicateMemberInOnePrincipal_flagsTheLaterMemberOnly() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Use", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/A",
                   "AWS": "arn:aws:iam::111122223333:role/B"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP002")).containsExactly("KP002@8");
    assertThat(r.findings())
        .filteredOn(f -> code(f, "KP002"))
        .extracting(Finding::statement)
        .containsExactly("Use");
  }

  @Test
  void kp002_membersDifferingOnlyInCase_areFlagged() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*",
                 "resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP002")).containsExactly("KP002@6");
  }

  @Test
  void kp003_topLevelArray_flagsLineOneAndStillChecksTheStatements() {
    LintResult r =
        lint(
            """
            [
              {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
               "Action": "kms:Decrypts", "Resource": "*"},
              {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
               "Action": "kms:Decrypt", "Resource": "*"}
            ]
            """);
    assertThat(at(r, "KP003")).containsExactly("KP003@1");
    assertThat(at(r, "KP102")).containsExactly("KP102@3");
  }

  @Test
  void kp003_statementThatIsNotAnObject_flagsOnlyThatItem() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                "not a statement"
              ]
            }
            """);
    assertThat(at(r, "KP003")).containsExactly("KP003@6");
  }

  @Test
  void kp004_misspeltCondition_flagsItsNameNotTheWellFormedStatement() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*",
                 "Conditions": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}
              ]
            }
            """);
    assertThat(at(r, "KP004")).containsExactly("KP004@8");
    assertThat(statementOf(r, "KP004")).isEqualTo("B");
  }

  @Test
  void kp005_noVersion_flagsTheDocumentOnce() {
    LintResult r =
        lint(
            """
            {
              "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP005")).containsExactly("KP005@1");
    assertThat(statementOf(r, "KP005")).isEmpty();
  }

  @Test
  void kp006_oldGrammarIsAWarning_unknownVersionAnError() {
    String old = "{\"Version\": \"2008-10-17\",\n\"Statement\": " + ROOT + "}";
    String unknown = "{\"Version\": \"2024-01-01\",\n\"Statement\": " + ROOT + "}";
    String current = "{\"Version\": \"2012-10-17\",\n\"Statement\": " + ROOT + "}";
    assertThat(at(lint(old), "KP006")).containsExactly("KP006@1");
    assertThat(severityOf(lint(old), "KP006")).isEqualTo(Severity.WARNING);
    assertThat(severityOf(lint(unknown), "KP006")).isEqualTo(Severity.ERROR);
    assertThat(at(lint(current), "KP006")).isEmpty();
  }

  @Test
  void kp007_lowerCaseEffectAndMissingEffect_areFlaggedPerStatement() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "B", "Effect": "allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "C", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP007")).containsExactly("KP007@6", "KP007@8");
  }

  @Test
  void kp008_kp009_kp010_missingElements_flagTheirStatementOnly() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Complete", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "NoPrincipal", "Effect": "Allow",
                 "Action": "kms:Decrypt", "Resource": "*"},
                {"Sid": "NoAction", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Resource": "*"},
                {"Sid": "NoResource", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt"}
              ]
            }
            """);
    assertThat(at(r, "KP008")).containsExactly("KP008@6");
    assertThat(at(r, "KP009")).containsExactly("KP009@8");
    assertThat(at(r, "KP010")).containsExactly("KP010@10");
    assertThat(statementOf(r, "KP010")).isEqualTo("NoResource");
  }

  @Test
  void kp011_emptyPrincipalActionAndSid_areFlaggedWhereTheyAre() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "", "Effect": "Allow",
                 "Principal": {"AWS": ""},
                 "Action": [],
                 "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP011")).containsExactly("KP011@6", "KP011@7", "KP011@8");
  }

  @Test
  void kp012_policyOverTheQuota_isFlaggedOnce_andASmallPolicyIsNot() {
    StringBuilder roles = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      roles.append(i == 0 ? "" : ",").append("\"arn:aws:iam::111122223333:role/r").append(i);
      roles.append("\"");
    }
    String big =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Principal\": {\"AWS\": ["
            + roles
            + "]}, \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}]}";
    assertThat(big.length()).isGreaterThan(32_768);
    assertThat(at(lint(big), "KP012")).containsExactly("KP012@1");
    assertThat(at(lint("{\"Version\": \"2012-10-17\", \"Statement\": " + ROOT + "}"), "KP012"))
        .isEmpty();
  }

  @Test
  void kp013_emojiInASid_isFlagged_butLatin1IsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Caf\u00e9 root", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "Use \u2705", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP013")).containsExactly("KP013@6");
  }

  @Test
  void kp015_unrenderedAccountPlaceholder_isFlagged_butAPolicyVariableIsNot() {
    LintResult r =
        lint(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "kms:*", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}},
                {"Sid": "B", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::${account_id}:root"},
                 "Action": "kms:Decrypt", "Resource": "*"}
              ]
            }
            """);
    assertThat(at(r, "KP015")).containsExactly("KP015@8");
  }

  static final String ROOT =
      "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
          + " \"Action\": \"kms:*\", \"Resource\": \"*\"}]";

  static boolean code(Finding f, String code) {
    return f.diagnostic().code().id().equals(code);
  }

  static String statementOf(LintResult r, String code) {
    return r.findings().stream().filter(f -> code(f, code)).findFirst().orElseThrow().statement();
  }

  static Severity severityOf(LintResult r, String code) {
    return r.findings().stream()
        .filter(f -> code(f, code))
        .findFirst()
        .orElseThrow()
        .diagnostic()
        .severity();
  }
}
