package dev.keyvet.engine.lint.rules;

import static dev.keyvet.engine.lint.rules.RuleTesting.ROOT;
import static dev.keyvet.engine.lint.rules.RuleTesting.allow;
import static dev.keyvet.engine.lint.rules.RuleTesting.at;
import static dev.keyvet.engine.lint.rules.RuleTesting.aws;
import static dev.keyvet.engine.lint.rules.RuleTesting.deny;
import static dev.keyvet.engine.lint.rules.RuleTesting.lint;
import static dev.keyvet.engine.lint.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

/** KP401, KP405 and KP406: statements that repeat, contain or cancel themselves. */
class HygieneRulesTest {
  private static final String APP = "arn:aws:iam::111122223333:role/App";
  private static final String OPS = "arn:aws:iam::111122223333:role/Ops";

  @Test
  void kp401_identicalApartFromSid_flagsTheSecond() {
    LintResult r =
        lint(
            ROOT,
            allow("Use", aws(APP), "['kms:Decrypt','kms:Encrypt']"),
            allow("UseAgain", aws(APP), "['kms:Encrypt','kms:decrypt']"));
    assertThat(at(r, "KP401")).containsExactly("KP401@4");
    assertThat(only(r, "KP401").diagnostic().message())
        .isEqualTo("statement `UseAgain` is identical, apart from its Sid, to `Use`");
  }

  @Test
  void kp401_differingOnlyInActionsOrPrincipals_flagsTheLaterOnes() {
    LintResult r =
        lint(
            ROOT,
            allow("Encrypt", aws(APP), "'kms:Encrypt'"),
            allow("Decrypt", aws(APP), "'kms:Decrypt'"),
            allow("OpsEncrypt", aws(OPS), "'kms:Encrypt'"),
            allow("OpsSign", aws(OPS), "'kms:Sign'", "{'StringEquals':{'kms:MessageType':'RAW'}}"));
    assertThat(at(r, "KP401")).containsExactly("KP401@4", "KP401@5");
  }

  @Test
  void kp401_accountWrittenAsIdAndAsRootArn_isTheSamePrincipal() {
    LintResult r =
        lint(
            allow("Admin", aws("arn:aws:iam::111122223333:root"), "['kms:Create*','kms:Put*']"),
            allow("Use", "{'AWS':'111122223333'}", "'kms:Encrypt'"),
            allow(
                "Twice",
                "{'AWS':['111122223333','arn:aws:iam::111122223333:root']}",
                "'kms:Sign'"));
    assertThat(at(r, "KP401")).contains("KP401@3");
    assertThat(r.findings())
        .anySatisfy(
            f -> {
              assertThat(f.diagnostic().code().id()).isEqualTo("KP401");
              assertThat(f.diagnostic().span().line()).isEqualTo(4);
              assertThat(f.diagnostic().message()).contains("listed twice");
            });
  }

  @Test
  void kp401_oneConditionsValuesDiffer_mergesOnlyForOperatorsThatOrTheirValues() {
    String mac384 = "{'StringEquals':{'kms:MacAlgorithm':'HMAC_SHA_384'}}";
    String mac512 = "{'StringEquals':{'kms:MacAlgorithm':'HMAC_SHA_512'}}";
    String not384 = "{'StringNotEquals':{'kms:MacAlgorithm':'HMAC_SHA_384'}}";
    String not512 = "{'StringNotEquals':{'kms:MacAlgorithm':'HMAC_SHA_512'}}";
    LintResult r =
        lint(
            ROOT,
            allow("Mac384", aws(APP), "'kms:GenerateMac'", mac384),
            allow("Mac512", aws(APP), "'kms:GenerateMac'", mac512),
            deny("No384", aws(OPS), "'kms:GenerateMac'", not384),
            deny("No512", aws(OPS), "'kms:GenerateMac'", not512));
    assertThat(at(r, "KP401")).containsExactly("KP401@4");
    assertThat(only(r, "KP401").diagnostic().message())
        .contains("only in the values of `StringEquals` on `kms:MacAlgorithm`");
  }

  @Test
  void kp405_useStatementBesideKmsStarForTheSameRole_isSubsumedNotRedundant() {
    LintResult r =
        lint(
            allow("OpsAll", aws(OPS), "'kms:*'"),
            allow("OpsUse", aws(OPS), "['kms:Decrypt','kms:ReEncrypt*']"),
            allow("AppUse", aws(APP), "'kms:Decrypt'"));
    assertThat(at(r, "KP405")).containsExactly("KP405@3");
    assertThat(at(r, "KP401")).isEmpty();
    assertThat(only(r, "KP405").diagnostic().message())
        .isEqualTo(
            "statement `OpsUse` allows nothing that statement `OpsAll` does not already allow");
  }

  @Test
  void kp405_broaderStatementWithAnExtraCondition_doesNotContainIt() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "OpsViaS3",
                aws(OPS),
                "'kms:*'",
                "{'StringEquals':{'kms:ViaService':'s3.us-east-1.amazonaws.com'}}"),
            allow("OpsDecrypt", aws(OPS), "'kms:Decrypt'"),
            allow(
                "Anyone",
                "'*'",
                "'kms:DescribeKey'",
                "{'StringEquals':{'kms:CallerAccount':'111122223333'}}"),
            allow(
                "AppDescribe",
                aws(APP),
                "'kms:DescribeKey'",
                "{'StringEquals':{'kms:CallerAccount':'111122223333'}}"));
    assertThat(at(r, "KP405")).containsExactly("KP405@6");
  }

  @Test
  void kp406_encryptionContextOnDescribeKeyOnly_neverApplies() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "Describe",
                aws(APP),
                "'kms:DescribeKey'",
                "{'StringEquals':{'kms:EncryptionContext:app':'billing'}}"),
            allow(
                "DescribeAndDecrypt",
                aws(APP),
                "['kms:DescribeKey','kms:Decrypt']",
                "{'StringEquals':{'kms:EncryptionContext:app':'billing'}}"));
    assertThat(at(r, "KP406")).containsExactly("KP406@3");
    assertThat(only(r, "KP406").diagnostic().message())
        .isEqualTo(
            "`kms:EncryptionContext:app` is never present for `kms:DescribeKey`, so statement"
                + " `Describe` never applies");
  }

  @Test
  void kp406_viaServiceOnAServicePrincipal_neverApplies() {
    String viaEc2 = "{'StringEquals':{'kms:ViaService':'ec2.us-east-1.amazonaws.com'}}";
    LintResult r =
        lint(
            ROOT,
            allow("Ebs", "{'Service':'ec2.amazonaws.com'}", "'kms:Decrypt'", viaEc2),
            allow("Users", aws(APP), "'kms:Decrypt'", viaEc2),
            allow(
                "EbsIfExists",
                "{'Service':'ec2.amazonaws.com'}",
                "'kms:Decrypt'",
                "{'StringEqualsIfExists':{'kms:ViaService':'ec2.us-east-1.amazonaws.com'}}"));
    assertThat(at(r, "KP406")).containsExactly("KP406@3");
  }

  @Test
  void kp406_keyRequiredAndRequiredAbsent_neverApplies() {
    LintResult r =
        lint(
            ROOT,
            allow(
                "Contradiction",
                aws(APP),
                "'kms:Decrypt'",
                "{'Null':{'kms:EncryptionContext:app':'true'},"
                    + "'StringEquals':{'kms:EncryptionContext:app':'billing'}}"));
    assertThat(at(r, "KP406")).containsExactly("KP406@3");
  }
}
