package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.rules.RuleTesting.ROOT;
import static dev.keyvet.engine.lint.rules.RuleTesting.allow;
import static dev.keyvet.engine.lint.rules.RuleTesting.at;
import static dev.keyvet.engine.lint.rules.RuleTesting.aws;
import static dev.keyvet.engine.lint.rules.RuleTesting.deny;
import static dev.keyvet.engine.lint.rules.RuleTesting.lint;
import static dev.keyvet.engine.lint.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

/** KP201, KP205, KP206, KP214, KP215 and KP306: rules that read the policy's text. */
class TextRulesTest {
  private static final String ADMIN = "arn:aws:iam::111122223333:role/KeyAdmin";
  private static final String APP = "arn:aws:iam::111122223333:role/App";
  private static final String CALLER_ACCOUNT_VIA_EC2 =
      "{'StringEquals':{'kms:CallerAccount':'111122223333',"
          + "'kms:ViaService':'ec2.us-east-1.amazonaws.com'}}";

  @Test
  void kp201_starWithNoCondition_flagsIt() {
    LintResult r =
        lint(
            ROOT,
            allow("Guarded", "'*'", "'kms:Decrypt'", CALLER_ACCOUNT_VIA_EC2),
            allow("Public", "{'AWS':'*'}", "['kms:Decrypt','kms:Encrypt']"));
    assertThat(at(r, "KP201")).containsExactly("KP201@4");
    Finding f = only(r, "KP201");
    assertThat(f.statement()).isEqualTo("Public");
    assertThat(f.diagnostic().message()).contains("`kms:Decrypt` and `kms:Encrypt`");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp201_starInDenyOrGuarded_isNotFlagged() {
    LintResult r =
        lint(
            ROOT,
            deny("NoOne", "'*'", "'kms:Decrypt'"),
            allow("Guarded", "{'AWS':'*'}", "'kms:Decrypt'", CALLER_ACCOUNT_VIA_EC2));
    assertThat(at(r, "KP201")).isEmpty();
    assertThat(at(r, "KP202")).isEmpty();
  }

  @Test
  void kp205_allowWithNotPrincipal_flagsItButNotTheDeny() {
    LintResult r =
        lint(
            ROOT,
            "{'Sid':'AllButGuest','Effect':'Allow','NotPrincipal':{'AWS':'"
                + APP
                + "'},'Action':'kms:Decrypt','Resource':'*'}",
            "{'Sid':'DenyOthers','Effect':'Deny','NotPrincipal':{'AWS':"
                + "['arn:aws:iam::111122223333:root','"
                + APP
                + "']},'Action':'kms:Decrypt','Resource':'*'}");
    assertThat(at(r, "KP205")).containsExactly("KP205@3");
    RuleTesting.assertStyle(only(r, "KP205"));
  }

  @Test
  void kp206_allowWithNotAction_flagsItAndNamesWhatItIncludes() {
    LintResult r =
        lint(
            ROOT,
            "{'Sid':'AllButDecrypt','Effect':'Allow','Principal':"
                + aws(APP)
                + ",'NotAction':'kms:Decrypt','Resource':'*'}",
            "{'Sid':'DenyAllButDescribe','Effect':'Deny','Principal':"
                + aws(APP)
                + ",'NotAction':'kms:DescribeKey','Resource':'*'}");
    assertThat(at(r, "KP206")).containsExactly("KP206@3");
    Finding f = only(r, "KP206");
    assertThat(f.diagnostic().message())
        .contains("`kms:PutKeyPolicy`")
        .contains("`kms:CreateGrant`")
        .doesNotContain("`kms:Decrypt`");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp214_roleGivenKmsStar_flagsTheRoleButNotTheAccountRoot() {
    LintResult r =
        lint(
            ROOT,
            allow("Admin", aws(ADMIN), "'kms:*'"),
            allow("App", aws(APP), "['kms:Decrypt','kms:Encrypt','kms:DescribeKey']"));
    assertThat(at(r, "KP214")).containsExactly("KP214@3");
    assertThat(only(r, "KP214").diagnostic().message()).contains("`" + ADMIN + "`");
  }

  @Test
  void kp214_wildcardCoveringAdministrationAndUse_countsAsKmsStar() {
    LintResult r =
        lint(
            ROOT,
            allow("Everything", aws(APP), "'kms:*e*'"),
            allow("Sessions", aws("arn:aws:sts::111122223333:assumed-role/Ops/alice"), "'*'"));
    assertThat(at(r, "KP214")).containsExactly("KP214@3", "KP214@4");
  }

  @Test
  void kp215_adminStatementWithVerbWildcards_flagsItsActionElement() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "Admins",
                aws(ADMIN),
                "['kms:Create*','kms:Put*','kms:Describe*','kms:TagResource']"),
            allow("Users", aws(APP), "['kms:ReEncrypt*','kms:GenerateDataKey*','kms:Decrypt']"),
            allow(
                "Readers", aws(APP), "['kms:Describe*','kms:List*','kms:Get*','kms:RevokeGrant']"));
    assertThat(at(r, "KP215")).containsExactly("KP215@3");
    Finding f = only(r, "KP215");
    assertThat(f.diagnostic().message()).contains("`kms:Create*`, `kms:Put*` and `kms:Describe*`");
    assertThat(f.diagnostic().help())
        .contains("`kms:Create*` includes `kms:CreateGrant`")
        .contains("`kms:Put*` includes `kms:PutKeyPolicy`");
  }

  @Test
  void kp306_statementsWithoutSid_areFlaggedAtTheirStatement() {
    LintResult r =
        lint(
            ROOT,
            "{'Effect':'Allow','Principal':" + aws(APP) + ",'Action':'kms:Decrypt','Resource':'*'}",
            allow("Named", aws(APP), "'kms:Encrypt'"),
            "{'Effect':'Deny','Principal':'*','Action':'kms:ScheduleKeyDeletion','Resource':'*'}");
    assertThat(at(r, "KP306")).containsExactly("KP306@3", "KP306@5");
    assertThat(r.findings().stream().filter(f -> f.diagnostic().code().id().equals("KP306")))
        .extracting(Finding::statement)
        .containsExactly("#2", "#4");
  }
}
