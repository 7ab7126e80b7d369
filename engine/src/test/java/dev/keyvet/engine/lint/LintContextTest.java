package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.validate.PolicyValidator;
import org.junit.jupiter.api.Test;

class LintContextTest {
  private static LintContext context(String statements, LintConfig config) {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    return new LintContext(new PolicyValidator().validate("policy.json", json), config);
  }

  private static String allow(String principal, String condition) {
    return "{\"Effect\":\"Allow\",\"Principal\":"
        + principal
        + ",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\""
        + (condition.isEmpty() ? "" : ",\"Condition\":" + condition)
        + "}";
  }

  @Test
  void keyAccount_configured_winsOverThePolicy() {
    LintContext ctx =
        context(
            allow("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", ""),
            LintConfig.builder().keyAccount("444455556666").build());
    assertThat(ctx.keyAccount()).isEqualTo("444455556666");
  }

  @Test
  void keyAccount_accountPrincipal_comesBeforeEarlierRoles() {
    LintContext ctx =
        context(
            allow("{\"AWS\":\"arn:aws:iam::444455556666:role/App\"}", "")
                + ","
                + allow("{\"AWS\":\"111122223333\"}", ""),
            LintConfig.DEFAULT);
    assertThat(ctx.keyAccount()).isEqualTo("111122223333");
  }

  @Test
  void keyAccount_onlyRolesNamed_isTheFirstRolesAccount() {
    LintContext ctx =
        context(
            allow("{\"AWS\":\"arn:aws:iam::111122223333:role/Admin\"}", ""), LintConfig.DEFAULT);
    assertThat(ctx.keyAccount()).isEqualTo("111122223333");
    assertThat(ctx.keyAccountKnown()).isTrue();
  }

  @Test
  void keyAccount_starBoundByCallerAccount_isThatAccount() {
    LintContext ctx =
        context(
            allow("\"*\"", "{\"StringEquals\":{\"kms:CallerAccount\":\"111122223333\"}}"),
            LintConfig.DEFAULT);
    assertThat(ctx.keyAccount()).isEqualTo("111122223333");
  }

  @Test
  void keyAccount_noAccountAnywhere_isUnknown() {
    LintContext ctx =
        context(
            allow("\"*\"", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-exampleorgid\"}}"),
            LintConfig.DEFAULT);
    assertThat(ctx.keyAccount()).isEqualTo(LintContext.UNKNOWN_ACCOUNT);
    assertThat(ctx.keyAccountKnown()).isFalse();
  }
}
