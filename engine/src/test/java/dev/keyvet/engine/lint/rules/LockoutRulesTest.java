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
import dev.keyvet.engine.lint.LintTesting;
import org.junit.jupiter.api.Test;

/** KP210, KP211 and KP212: whether anyone can still manage the key, and through what. */
class LockoutRulesTest {
  private static final String ADMIN = "arn:aws:iam::111122223333:role/KeyAdmin";
  private static final String ALICE = "arn:aws:iam::111122223333:user/Alice";
  private static final String APP = "arn:aws:iam::111122223333:role/App";

  @Test
  void kp210_nobodyHasPutKeyPolicy_flagsTheDocument() {
    LintResult r =
        lint(
            allow("Use", aws(APP), "['kms:Decrypt','kms:Encrypt']"),
            allow("Read", aws("arn:aws:iam::111122223333:root"), "['kms:Describe*','kms:List*']"));
    assertThat(at(r, "KP210")).containsExactly("KP210@1");
    Finding f = only(r, "KP210");
    assertThat(f.statement()).isEmpty();
    assertEvidence(f, "arn:aws:iam::111122223333:root", "kms:PutKeyPolicy", "");
    RuleTesting.assertStyle(f);
  }

  @Test
  void kp210_onlyHoldersAreDeadOrDenied_flagsIt() {
    LintResult r =
        lint(
            "{'Sid':'NoResource','Effect':'Allow','Principal':"
                + aws(ADMIN)
                + ",'Action':'kms:PutKeyPolicy'}",
            allow(
                "ViaNothing",
                aws(ALICE),
                "'kms:PutKeyPolicy'",
                "{'StringEquals':{'kms:ViaService':'s3.us-east-1.amazonaws.com'}}"),
            ROOT,
            deny("NoPolicyChanges", "'*'", "'kms:PutKeyPolicy'"));
    assertThat(at(r, "KP210")).hasSize(1);
    LintResult viaService =
        lint(
            allow(
                "ViaS3",
                aws(ALICE),
                "'kms:PutKeyPolicy'",
                "{'StringEquals':{'kms:ViaService':'s3.us-east-1.amazonaws.com'}}"));
    assertThat(at(viaService, "KP210")).as("a condition some request meets").isEmpty();
  }

  @Test
  void kp210_rootOrAnAdminKeepsIt_isNotFlagged() {
    assertThat(at(lint(ROOT, allow("Use", aws(APP), "'kms:Decrypt'")), "KP210")).isEmpty();
    assertThat(at(lint(allow("Admin", aws(ADMIN), "'kms:PutKeyPolicy'")), "KP210")).isEmpty();
  }

  @Test
  void kp210_statementListOrUnrenderedPrincipal_drawsNoConclusion() {
    String fragment =
        "[{\"Sid\":\"Use\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + APP
            + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]";
    assertThat(at(LintTesting.lint(fragment, LintConfig.DEFAULT), "KP210")).isEmpty();
    LintResult template =
        lint(
            allow("Admin", aws("arn:aws:iam::${account_id}:root"), "'kms:*'"),
            allow("Use", aws(APP), "'kms:Decrypt'"));
    assertThat(at(template, "KP210")).isEmpty();
    assertThat(at(template, "KP212")).isEmpty();
    assertThat(at(template, "KP211")).isEmpty();
  }

  @Test
  void kp211_singleUserManagesTheKey_flagsItAtThatUser() {
    LintResult r =
        lint(allow("Use", aws(APP), "'kms:Decrypt'"), allow("Admin", aws(ALICE), "'kms:*'"));
    assertThat(at(r, "KP211")).containsExactly("KP211@3");
    Finding f = only(r, "KP211");
    assertThat(f.diagnostic().message())
        .isEqualTo(
            "only `"
                + ALICE
                + "` can call `kms:PutKeyPolicy`; if that identity is deleted,"
                + " nobody can manage this key");
    assertEvidence(f, ALICE, "kms:PutKeyPolicy", "Admin");
  }

  @Test
  void kp211_twoRolesListed_andRootManaging_isNotFlagged() {
    LintResult two =
        lint(allow("Admins", "{'AWS':['" + ADMIN + "','" + ALICE + "']}", "'kms:PutKeyPolicy'"));
    assertThat(only(two, "KP211").diagnostic().message())
        .startsWith("only `" + ADMIN + "` and `" + ALICE + "` can call");
    assertThat(at(lint(ROOT, allow("Admin", aws(ALICE), "'kms:*'")), "KP211")).isEmpty();
  }

  @Test
  void kp212_noRootStatement_flagsTheDocument() {
    LintResult r =
        lint(allow("Admin", aws(ADMIN), "'kms:*'"), allow("Use", aws(APP), "'kms:Decrypt'"));
    assertThat(at(r, "KP212")).containsExactly("KP212@1");
    assertThat(only(r, "KP212").diagnostic().message())
        .startsWith("the key account's root `arn:aws:iam::111122223333:root` is allowed nothing");
  }

  @Test
  void kp212_rootStatementThatNeverApplies_flagsTheRootEntry() {
    LintResult r =
        lint(
            "{'Sid':'Root','Effect':'Allow','Principal':"
                + aws("arn:aws:iam::111122223333:root")
                + ",'Action':'kms:*','Resource':'arn:aws:s3:::my-bucket'}",
            allow("Admin", aws(ADMIN), "'kms:*'"));
    assertThat(at(r, "KP212")).containsExactly("KP212@2");
    assertThat(only(r, "KP212").statement()).isEqualTo("Root");
  }

  @Test
  void kp212_starOnlyThroughAService_delegatesNothing() {
    String viaEc2 =
        "{'StringEquals':{'kms:CallerAccount':'111122223333',"
            + "'kms:ViaService':'ec2.us-east-1.amazonaws.com'}}";
    assertThat(at(lint(allow("Ebs", "'*'", "'kms:Decrypt'", viaEc2)), "KP212"))
        .containsExactly("KP212@1");
    assertThat(at(lint(ROOT, allow("Ebs", "'*'", "'kms:Decrypt'", viaEc2)), "KP212")).isEmpty();
    assertThat(
            at(
                lint(
                    allow(
                        "Metadata",
                        aws("arn:aws:iam::111122223333:root"),
                        "['kms:Describe*','kms:RevokeGrant']")),
                "KP212"))
        .isEmpty();
  }
}
