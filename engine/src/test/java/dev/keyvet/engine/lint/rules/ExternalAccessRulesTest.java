package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.rules.RuleTesting.ROOT;
import static dev.keyvet.engine.lint.rules.RuleTesting.allow;
import static dev.keyvet.engine.lint.rules.RuleTesting.assertEvidence;
import static dev.keyvet.engine.lint.rules.RuleTesting.at;
import static dev.keyvet.engine.lint.rules.RuleTesting.aws;
import static dev.keyvet.engine.lint.rules.RuleTesting.lint;
import static dev.keyvet.engine.lint.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

/** KP202, KP203, KP204, KP213 and KP218: who outside the account can reach the key. */
class ExternalAccessRulesTest {
  private static final String OUTSIDER = "arn:aws:iam::999999999999:role/Outsider";
  private static final String PARTNER_ROOT = "arn:aws:iam::444455556666:root";
  private static final String PARTNER_ROLE = "arn:aws:iam::444455556666:role/Reader";
  private static final String VIA_S3 =
      "{'StringEquals':{'kms:ViaService':'s3.us-east-1.amazonaws.com'}}";

  @Test
  void kp202_starGuardedOnlyByViaService_flagsItWithAnOutsiderAsEvidence() {
    LintResult r =
        lint(
            ROOT,
            allow("ViaS3", "{'AWS':'*'}", "['kms:Decrypt','kms:GenerateDataKey']", VIA_S3),
            allow(
                "ViaS3InAccount",
                "{'AWS':'*'}",
                "'kms:Decrypt'",
                "{'StringEquals':{'kms:ViaService':'s3.us-east-1.amazonaws.com',"
                    + "'kms:CallerAccount':'111122223333'}}"));
    assertThat(at(r, "KP202")).containsExactly("KP202@3");
    assertThat(at(r, "KP201")).isEmpty();
    Finding f = only(r, "KP202");
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "`*` is guarded only by `kms:ViaService`, which does not limit the caller's account"
                + " or organization");
    assertEvidence(f, OUTSIDER, "kms:Decrypt", "ViaS3");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp202_callerAccountIfExists_letsAServiceInAndIsFlagged() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "IfExists",
                "'*'",
                "'kms:Decrypt'",
                "{'StringEqualsIfExists':{'kms:CallerAccount':'111122223333'}}"));
    assertThat(at(r, "KP202")).containsExactly("KP202@3");
    assertEvidence(only(r, "KP202"), "sns.amazonaws.com", "kms:Decrypt", "IfExists");
  }

  @Test
  void kp202_guardsThatBindTheCaller_areNotFlagged() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "Org",
                "'*'",
                "'kms:Decrypt'",
                "{'StringEquals':{'aws:PrincipalOrgID':'o-a1b2c3'}}"),
            allow(
                "Source",
                "'*'",
                "'kms:GenerateDataKey'",
                "{'StringEquals':{'aws:SourceAccount':'111122223333'}}"),
            allow(
                "Arn",
                "'*'",
                "'kms:Decrypt'",
                "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/app-*'}}"));
    assertThat(at(r, "KP202")).isEmpty();
    assertThat(at(r, "KP201")).isEmpty();
  }

  @Test
  void kp202_wildcardAccountInPrincipalArn_bindsNothing() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "AnyAccountsApp",
                "'*'",
                "'kms:Decrypt'",
                "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/app'}}"));
    assertThat(at(r, "KP202")).containsExactly("KP202@3");
  }

  @Test
  void kp203_externalAccountRootAndRole_areFlaggedAtTheirEntries() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "Partner",
                "{'AWS':['" + PARTNER_ROOT + "','" + PARTNER_ROLE + "']}",
                "'kms:Decrypt'"),
            allow("Own", aws("arn:aws:iam::111122223333:role/App"), "'kms:Decrypt'"));
    assertThat(at(r, "KP203")).containsExactly("KP203@3", "KP203@3");
    Finding f =
        r.findings().stream()
            .filter(x -> x.diagnostic().code().id().equals("KP203"))
            .findFirst()
            .orElseThrow();
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "`"
                + PARTNER_ROOT
                + "` can use this key (`kms:Decrypt`), and account `444455556666`"
                + " is not trusted");
    assertEvidence(f, PARTNER_ROOT, "kms:Decrypt", "Partner");
  }

  @Test
  void kp203_trustedAccount_isNotFlagged() {
    LintConfig trusted = LintConfig.builder().trustAccount("444455556666").build();
    LintResult r = lint(trusted, ROOT, allow("Partner", aws(PARTNER_ROOT), "'kms:Decrypt'"));
    assertThat(at(r, "KP203")).isEmpty();
  }

  @Test
  void kp203_starBoundToAnUntrustedAccountOrOrg_flagsTheConditionValue() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "PartnerCallers",
                "'*'",
                "'kms:Decrypt'",
                "{'StringEquals':{'kms:CallerAccount':'444455556666'}}"),
            allow(
                "OrgCallers",
                "'*'",
                "'kms:Encrypt'",
                "{'StringEquals':{'aws:PrincipalOrgID':'o-a1b2c3'}}"),
            allow("Public", "'*'", "'kms:DescribeKey'"));
    assertThat(at(r, "KP203")).containsExactly("KP203@3", "KP203@4");
    assertThat(r.findings())
        .filteredOn(f -> f.diagnostic().code().id().equals("KP203"))
        .extracting(f -> f.diagnostic().span().column())
        .allSatisfy(c -> assertThat(c).isGreaterThan(60));
    LintResult orgTrusted =
        lint(
            LintConfig.builder().trustOrg("o-a1b2c3").build(),
            ROOT,
            allow(
                "OrgCallers",
                "'*'",
                "'kms:Encrypt'",
                "{'StringEquals':{'aws:PrincipalOrgID':'o-a1b2c3'}}"));
    assertThat(at(orgTrusted, "KP203")).isEmpty();
  }

  @Test
  void kp204_externalRootWithKmsStar_canCreateGrantsAndIsFlagged() {
    LintResult r = lint(ROOT, allow("Partner", aws(PARTNER_ROOT), "'kms:*'"));
    assertThat(at(r, "KP204")).containsExactly("KP204@3");
    assertThat(at(r, "KP207")).isEmpty();
    Finding f = only(r, "KP204");
    assertEvidence(f, PARTNER_ROOT, "kms:CreateGrant", "Partner");
    assertThat(f.diagnostic().message()).contains("through `kms:*` without a grant constraint");
  }

  @Test
  void kp204_externalGrantsOnlyForAwsResources_areNotFlagged() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "PartnerGrants",
                aws(PARTNER_ROOT),
                "['kms:CreateGrant','kms:ListGrants','kms:RevokeGrant']",
                "{'Bool':{'kms:GrantIsForAWSResource':'true'}}"),
            allow(
                "PartnerPolicy",
                aws(PARTNER_ROLE),
                "['kms:PutKeyPolicy','kms:ScheduleKeyDeletion']"));
    assertThat(at(r, "KP204")).isEmpty();
  }

  @Test
  void kp213_unscopedServicePrincipal_isFlaggedWithEvidence() {
    LintResult r =
        lint(
            ROOT,
            allow("S3", "{'Service':'s3.amazonaws.com'}", "['kms:GenerateDataKey','kms:Decrypt']"),
            allow(
                "Logs",
                "{'Service':'logs.us-east-1.amazonaws.com'}",
                "'kms:Encrypt'",
                "{'ArnEquals':{'kms:EncryptionContext:aws:logs:arn':"
                    + "'arn:aws:logs:us-east-1:111122223333:log-group:app'}}"),
            allow(
                "Trail",
                "{'Service':'cloudtrail.amazonaws.com'}",
                "'kms:GenerateDataKey'",
                "{'StringEquals':{'aws:SourceAccount':'111122223333'}}"),
            allow(
                "AnyBucket",
                "{'Service':'s3.amazonaws.com'}",
                "'kms:Encrypt'",
                "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::*'}}"));
    assertThat(at(r, "KP213")).containsExactly("KP213@3", "KP213@6");
    Finding f =
        r.findings().stream()
            .filter(x -> x.diagnostic().code().id().equals("KP213"))
            .findFirst()
            .orElseThrow();
    assertEvidence(f, "s3.amazonaws.com", "kms:Decrypt", "S3");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp218_externalUseWithoutServiceOrContext_isFlagged() {
    LintResult r =
        lint(
            ROOT,
            allow("Partner", aws(PARTNER_ROOT), "['kms:Decrypt','kms:DescribeKey']"),
            allow("PartnerViaS3", aws(PARTNER_ROLE), "'kms:Decrypt'", VIA_S3),
            allow(
                "PartnerWithContext",
                "{'AWS':'arn:aws:iam::555555555555:root'}",
                "'kms:Decrypt'",
                "{'StringEquals':{'kms:EncryptionContext:tenant':'a'}}"),
            allow(
                "OrgWide",
                "'*'",
                "'kms:Encrypt'",
                "{'StringEquals':{'aws:PrincipalOrgID':'o-a1b2c3'}}"),
            allow("PartnerDescribe", aws("arn:aws:iam::555555555555:root"), "'kms:DescribeKey'"));
    assertThat(at(r, "KP218")).containsExactly("KP218@3", "KP218@6");
    assertThat(r.findings())
        .filteredOn(f -> f.diagnostic().code().id().equals("KP218"))
        .extracting(f -> f.diagnostic().message())
        .containsExactly(
            "`"
                + PARTNER_ROOT
                + "` can call `kms:Decrypt` directly and with any encryption context",
            "`*`, any account in organization `o-a1b2c3`, can call `kms:Encrypt` directly and with"
                + " any encryption context");
  }
}
