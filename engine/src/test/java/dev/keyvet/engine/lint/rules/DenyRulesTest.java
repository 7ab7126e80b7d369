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
import dev.keyvet.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

/** KP217 and KP404: what Deny statements take away, intended or not. */
class DenyRulesTest {
  private static final String APP = "arn:aws:iam::111122223333:role/App";
  private static final String CRYPTO = "['kms:Encrypt','kms:Decrypt','kms:GenerateDataKey*']";
  private static final String OUTSIDE_VPCE =
      "{'StringNotEquals':{'aws:SourceVpce':'vpce-1234abcdf5678c90a'}}";

  @Test
  void kp217_denyOutsideVpcEndpoint_breaksServiceCallsAndIsFlagged() {
    LintResult r = lint(ROOT, deny("OnlyFromVpce", "'*'", CRYPTO, OUTSIDE_VPCE));
    assertThat(at(r, "KP217")).containsExactly("KP217@3");
    Finding f = only(r, "KP217");
    assertEvidence(f, "arn:aws:iam::111122223333:role/Insider", "kms:Decrypt", "OnlyFromVpce");
    assertThat(f.diagnostic().message()).startsWith("the deny on `aws:SourceVpce` also refuses");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp217_denyWithServiceExemption_isNotFlagged() {
    LintResult r =
        lint(
            ROOT,
            deny(
                "OnlyFromVpce",
                "'*'",
                CRYPTO,
                "{'StringNotEquals':{'aws:SourceVpce':'vpce-1234abcdf5678c90a'},"
                    + "'Bool':{'aws:ViaAWSService':'false'}}"),
            deny(
                "NoContext",
                "'*'",
                "'kms:Decrypt'",
                "{'Null':{'kms:EncryptionContext:tenant':'true'}}"));
    assertThat(at(r, "KP217")).isEmpty();
  }

  @Test
  void kp217_orgPerimeterDeny_refusesServicePrincipals() {
    LintResult r =
        lint(
            ROOT,
            deny(
                "OnlyOurOrg",
                "'*'",
                "'kms:GenerateDataKey'",
                "{'StringNotEquals':{'aws:PrincipalOrgID':'o-a1b2c3'}}"));
    assertThat(at(r, "KP217")).containsExactly("KP217@3");
    assertEvidence(only(r, "KP217"), "sns.amazonaws.com", "kms:GenerateDataKey", "OnlyOurOrg");
  }

  @Test
  void kp404_denyOnPrincipalAccountAlsoHitsTheServicePrincipal_flagsTheAllow() {
    LintResult r =
        lint(
            ROOT,
            allow("Logs", "{'Service':'logs.amazonaws.com'}", "['kms:Encrypt','kms:Decrypt']"),
            deny(
                "OnlyOurAccount",
                "'*'",
                "'kms:*'",
                "{'StringNotEquals':{'aws:PrincipalAccount':'111122223333'}}"));
    assertThat(at(r, "KP404")).containsExactly("KP404@3");
    Finding f = only(r, "KP404");
    assertThat(f.diagnostic().message())
        .isEqualTo("every request statement `Logs` allows is denied by statement `OnlyOurAccount`");
    assertEvidence(f, "logs.amazonaws.com", "kms:Decrypt", "OnlyOurAccount");
  }

  @Test
  void kp404_denyThatDependsOnTheRequest_doesNotShadow() {
    LintResult r =
        lint(
            ROOT,
            allow("App", aws(APP), "'kms:Decrypt'"),
            deny("OnlyFromVpce", "'*'", CRYPTO, OUTSIDE_VPCE),
            allow("AppSign", aws(APP), "'kms:Sign'"),
            deny("NoSigning", aws("arn:aws:iam::111122223333:role/Other"), "'kms:Sign'"));
    assertThat(at(r, "KP404")).isEmpty();
  }

  @Test
  void kp404_denyNotPrincipalThatOmitsTheRole_shadowsItsAllow() {
    LintResult r =
        lint(
            ROOT,
            allow("App", aws(APP), "'kms:Decrypt'"),
            "{'Sid':'OnlyRoot','Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::111122223333:root'},"
                + "'Action':'kms:Decrypt','Resource':'*'}");
    assertThat(at(r, "KP404")).containsExactly("KP404@3");
  }
}
