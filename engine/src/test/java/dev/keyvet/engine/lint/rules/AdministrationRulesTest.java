package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.rules.RuleTesting.ROOT;
import static dev.keyvet.engine.lint.rules.RuleTesting.allow;
import static dev.keyvet.engine.lint.rules.RuleTesting.assertEvidence;
import static dev.keyvet.engine.lint.rules.RuleTesting.at;
import static dev.keyvet.engine.lint.rules.RuleTesting.aws;
import static dev.keyvet.engine.lint.rules.RuleTesting.deny;
import static dev.keyvet.engine.lint.rules.RuleTesting.lint;
import static dev.keyvet.engine.lint.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

/** KP207, KP208, KP209, KP216 and KP301: who can administer the key, and how far. */
class AdministrationRulesTest {
  private static final String ADMIN = "arn:aws:iam::111122223333:role/KeyAdmin";
  private static final String ALICE = "arn:aws:iam::111122223333:user/Alice";
  private static final String APP = "arn:aws:iam::111122223333:role/App";
  private static final String CONSOLE_ADMIN_ACTIONS =
      "['kms:Create*','kms:Describe*','kms:Enable*','kms:List*','kms:Put*','kms:Update*',"
          + "'kms:Revoke*','kms:Disable*','kms:Get*','kms:Delete*','kms:TagResource',"
          + "'kms:UntagResource','kms:ScheduleKeyDeletion','kms:CancelKeyDeletion']";
  private static final String FOR_AWS_RESOURCES = "{'Bool':{'kms:GrantIsForAWSResource':'true'}}";

  @Test
  void kp207_adminGetsCreateGrantThroughCreateStar_flagsIt() {
    LintResult r =
        lint(
            ROOT,
            allow("Admins", "{'AWS':['" + ALICE + "','" + ADMIN + "']}", CONSOLE_ADMIN_ACTIONS),
            allow("Users", aws(APP), "['kms:Decrypt','kms:Encrypt']"),
            allow("Grants", aws(APP), "['kms:CreateGrant','kms:ListGrants']", FOR_AWS_RESOURCES));
    assertThat(at(r, "KP207")).containsExactly("KP207@3", "KP207@3");
    Finding f =
        r.findings().stream()
            .filter(x -> x.diagnostic().code().id().equals("KP207"))
            .findFirst()
            .orElseThrow();
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "`"
                + ALICE
                + "` can call `kms:CreateGrant` through `kms:Create*` without a grant"
                + " constraint");
    assertEvidence(f, ALICE, "kms:CreateGrant", "Admins");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp207_accountRootAndServiceOnlyGrants_areNotFlagged() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "ThroughEbs",
                "{'AWS':'*'}",
                "['kms:Decrypt','kms:CreateGrant']",
                "{'StringEquals':{'kms:CallerAccount':'111122223333',"
                    + "'kms:ViaService':'ec2.us-east-1.amazonaws.com'}}"),
            allow(
                "LimitedGrants",
                aws(APP),
                "'kms:CreateGrant'",
                "{'ForAllValues:StringEquals':{'kms:GrantOperations':['Decrypt']},"
                    + "'StringEquals':{'kms:GranteePrincipal':'"
                    + APP
                    + "'}}"));
    assertThat(at(r, "KP207")).isEmpty();
  }

  @Test
  void kp207_conditionThatDoesNotConstrainTheGrant_stillFlagsIt() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "FromOffice",
                aws(APP),
                "'kms:CreateGrant'",
                "{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}"),
            allow("Users", aws(ALICE), "'kms:Decrypt'"));
    assertThat(at(r, "KP207")).containsExactly("KP207@3");
  }

  @Test
  void kp207_starCreatingGrants_isReportedOnceAtTheStar() {
    LintResult r = lint(ROOT, allow("Anyone", "'*'", "'kms:CreateGrant'"));
    assertThat(at(r, "KP207")).containsExactly("KP207@3");
    assertThat(only(r, "KP207").diagnostic().message())
        .startsWith("`*` (for example `arn:aws:iam::111122223333:role/Insider`) can call");
  }

  @Test
  void kp208_starReachesPutKeyPolicy_flagsItButNotThePolicysOwnAdmins() {
    LintResult r =
        lint(
            ROOT,
            allow("Admins", aws(ADMIN), CONSOLE_ADMIN_ACTIONS),
            allow("Anyone", "{'AWS':'*'}", "['kms:Put*','kms:DescribeKey']"));
    assertThat(at(r, "KP208")).containsExactly("KP208@4");
    assertEvidence(
        only(r, "KP208"), "arn:aws:iam::111122223333:role/Insider", "kms:PutKeyPolicy", "Anyone");
  }

  @Test
  void kp208_configuredAdmins_makeOtherPolicyWritersEscalations() {
    LintConfig admins = LintConfig.builder().keyAdmin(ADMIN).build();
    LintResult r =
        lint(
            admins,
            ROOT,
            allow("Admins", aws(ADMIN), "'kms:PutKeyPolicy'"),
            allow("App", aws(APP), "['kms:PutKeyPolicy','kms:Decrypt']"));
    assertThat(at(r, "KP208")).containsExactly("KP208@4");
    assertThat(
            at(
                lint(
                    ROOT,
                    allow("Admins", aws(ADMIN), "'kms:PutKeyPolicy'"),
                    allow("App", aws(APP), "['kms:PutKeyPolicy','kms:Decrypt']")),
                "KP208"))
        .isEmpty();
  }

  @Test
  void kp209_adminWithPutStar_flagsItUnlessADenyStopsTheBypass() {
    String admins = allow("Admins", aws(ADMIN), "['kms:Put*','kms:DescribeKey']");
    LintResult open = lint(ROOT, admins);
    assertThat(at(open, "KP209")).containsExactly("KP209@3");
    assertEvidence(only(open, "KP209"), ADMIN, "kms:PutKeyPolicy", "Admins");

    LintResult guarded =
        lint(
            ROOT,
            admins,
            deny(
                "NoBypass",
                "'*'",
                "'kms:PutKeyPolicy'",
                "{'Bool':{'kms:BypassPolicyLockoutSafetyCheck':'true'}}"));
    assertThat(at(guarded, "KP209")).isEmpty();
  }

  @Test
  void kp209_nullGuardBesideKmsStar_doesNotStopIt() {
    LintResult r =
        lint(
            ROOT,
            allow("Ops", aws(APP), "'kms:*'"),
            allow(
                "GuardedPut",
                aws(APP),
                "'kms:PutKeyPolicy'",
                "{'Null':{'kms:BypassPolicyLockoutSafetyCheck':'true'}}"),
            allow(
                "OnlyGuardedPut",
                aws(ADMIN),
                "'kms:PutKeyPolicy'",
                "{'Null':{'kms:BypassPolicyLockoutSafetyCheck':'true'}}"));
    assertThat(at(r, "KP209")).containsExactly("KP209@3");
  }

  @Test
  void kp216_appRoleCanDisableTheKey_flagsIt() {
    LintResult r =
        lint(
            ROOT,
            allow("App", aws(APP), "['kms:Decrypt','kms:DisableKey']"),
            allow("Ops", aws(ALICE), "'kms:Decrypt'"));
    assertThat(at(r, "KP216")).containsExactly("KP216@3");
    Finding f = only(r, "KP216");
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "`" + APP + "` can call `kms:DisableKey` but is not a declared key administrator");
    assertEvidence(f, APP, "kms:DisableKey", "App");
  }

  @Test
  void kp216_withoutConfiguredAdmins_anAdministrationOnlyStatementNamesTheAdmins() {
    LintResult r =
        lint(
            ROOT,
            allow("Admins", aws(ADMIN), CONSOLE_ADMIN_ACTIONS),
            allow("App", aws(APP), "'kms:*'"),
            allow("Users", aws(ALICE), "['kms:Decrypt','kms:Encrypt']"));
    // The console's administrators statement is how a policy declares its administrators; the
    // role that can both use and destroy the key is the finding.
    assertThat(at(r, "KP216")).containsExactly("KP216@4");
    assertThat(only(r, "KP216").diagnostic().message()).startsWith("`" + APP + "` can call");
  }

  @Test
  void kp216_configuredAdmins_replaceThePresumedOnes() {
    LintConfig others = LintConfig.builder().keyAdmin(ALICE).build();
    LintResult r = lint(others, ROOT, allow("Admins", aws(ADMIN), CONSOLE_ADMIN_ACTIONS));
    assertThat(at(r, "KP216")).containsExactly("KP216@3");
    assertThat(only(r, "KP216").diagnostic().message())
        .contains("`" + ADMIN + "` can call `kms:ScheduleKeyDeletion`, `kms:DisableKey`");
  }

  @Test
  void kp216_declaredAdmin_needsAWaitingPeriodFloor() {
    LintConfig admins = LintConfig.builder().keyAdmin(ADMIN).keyAdmin(ALICE).build();
    LintResult r =
        lint(
            admins,
            ROOT,
            allow("Admin", aws(ADMIN), "['kms:ScheduleKeyDeletion','kms:DisableKey']"),
            allow(
                "Alice",
                aws(ALICE),
                "'kms:ScheduleKeyDeletion'",
                "{'NumericGreaterThanEquals':{'kms:ScheduleKeyDeletionPendingWindowInDays':'30'}}"));
    assertThat(at(r, "KP216")).containsExactly("KP216@3");
    assertThat(only(r, "KP216").diagnostic().message()).contains("7-day waiting period");
  }

  @Test
  void kp301_roleInAdminAndUseStatements_flagsIt() {
    LintResult r =
        lint(
            ROOT,
            allow("Admins", aws(ADMIN), "['kms:PutKeyPolicy','kms:DescribeKey']"),
            allow("Users", "{'AWS':['" + ADMIN + "','" + APP + "']}", "'kms:Decrypt'"),
            allow("AppGrants", aws(APP), "'kms:CreateGrant'", FOR_AWS_RESOURCES));
    assertThat(at(r, "KP301")).containsExactly("KP301@3");
    Finding f = only(r, "KP301");
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "`"
                + ADMIN
                + "` can both administer this key (`kms:PutKeyPolicy`) and use it"
                + " (`kms:Decrypt`)");
    assertEvidence(f, ADMIN, "kms:PutKeyPolicy", "Admins");
  }

  @Test
  void kp301_useOnlyThroughTheRootDelegation_isNotFlagged() {
    LintResult r = lint(ROOT, allow("Admins", aws(ADMIN), CONSOLE_ADMIN_ACTIONS));
    assertThat(at(r, "KP301")).isEmpty();
  }

  @Test
  void kp301_useStatementWithoutResource_stillCountsByItsText() {
    LintResult r =
        lint(
            ROOT,
            allow("Admins", aws(ALICE), "['kms:Create*','kms:Put*']"),
            "{'Sid':'Use','Effect':'Allow','Principal':"
                + aws(ALICE)
                + ",'Action':['kms:Encrypt','kms:Decrypt']}");
    assertThat(at(r, "KP301")).containsExactly("KP301@3");
  }
}
