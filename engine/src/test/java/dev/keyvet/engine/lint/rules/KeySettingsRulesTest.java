package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import dev.keyvet.engine.lint.Linter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KP302, KP303 and KP305: rules about the key's settings, read from templates. */
class KeySettingsRulesTest {
  /** A two-statement policy: the root, and an application role that may use the key. */
  private static final String POLICY =
      """
            KeyPolicy:
              Version: "2012-10-17"
              Statement:
                - Sid: Root
                  Effect: Allow
                  Principal: {AWS: "arn:aws:iam::111122223333:root"}
                  Action: kms:*
                  Resource: "*"
                - Sid: Use
                  Effect: Allow
                  Principal: {AWS: "arn:aws:iam::111122223333:role/App"}
                  Action: [kms:Encrypt, kms:Decrypt]
                  Resource: "*"
      """;

  /** A template of one key with {@code properties} (lines 5 on) and the policy after them. */
  private static LintResult key(String... properties) {
    StringBuilder t =
        new StringBuilder("Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n");
    for (String p : properties) {
      t.append("      ").append(p).append('\n');
    }
    t.append(POLICY);
    return lint("t.yaml", t.toString());
  }

  private static LintResult lint(String name, String text) {
    return Linter.standard().lint(name, text.getBytes(StandardCharsets.UTF_8), LintConfig.DEFAULT);
  }

  private static List<String> at(LintResult r, String code) {
    return LintTesting.at(r, code);
  }

  @Test
  void rotationOffOrMissingOnASymmetricKey() {
    assertThat(at(key("EnableKeyRotation: false", "PendingWindowInDays: 30"), "KP302"))
        .containsExactly("KP302@5");
    assertThat(at(key("PendingWindowInDays: 30"), "KP302")).containsExactly("KP302@2");
    assertThat(at(key("KeySpec: SYMMETRIC_DEFAULT", "EnableKeyRotation: \"false\""), "KP302"))
        .containsExactly("KP302@6");
  }

  @Test
  void rotationPeriodOutsideWhatKmsAccepts() {
    assertThat(at(key("EnableKeyRotation: true", "RotationPeriodInDays: 89"), "KP302"))
        .containsExactly("KP302@6");
    assertThat(at(key("EnableKeyRotation: true", "RotationPeriodInDays: 2561"), "KP302"))
        .containsExactly("KP302@6");
    assertThat(key("EnableKeyRotation: true", "RotationPeriodInDays: 90").findings())
        .noneMatch(f -> f.diagnostic().code().id().equals("KP302"));
    assertThat(at(key("EnableKeyRotation: true", "RotationPeriodInDays: 2560"), "KP302")).isEmpty();
  }

  @Test
  void keysThatCannotRotateAreNotFlagged() {
    assertThat(at(key("KeySpec: RSA_2048", "KeyUsage: SIGN_VERIFY"), "KP302")).isEmpty();
    assertThat(at(key("KeySpec: HMAC_256", "KeyUsage: GENERATE_VERIFY_MAC"), "KP302")).isEmpty();
    assertThat(at(key("Origin: EXTERNAL"), "KP302")).isEmpty();
    assertThat(at(key("Origin: AWS_CLOUDHSM"), "KP302")).isEmpty();
    assertThat(at(key("EnableKeyRotation: !Ref Rotate"), "KP302")).isEmpty();
    assertThat(at(key("KeySpec: !Ref Spec"), "KP302")).isEmpty();
    String replica =
        "Resources:\n  Key:\n    Type: AWS::KMS::ReplicaKey\n    Properties:\n"
            + "      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1\n"
            + POLICY;
    assertThat(at(lint("r.yaml", replica), "KP302")).isEmpty();
  }

  @Test
  void plainPoliciesHaveNoKeySettingsToCheck() {
    LintResult r =
        LintTesting.lint("{\"Version\":\"2012-10-17\",\"Statement\":[]}", LintConfig.DEFAULT);
    assertThat(r.findings())
        .noneMatch(f -> List.of("KP302", "KP303", "KP305").contains(f.diagnostic().code().id()));
  }

  @Test
  void keyWithoutPolicyOrDeletionWindow() {
    LintResult missing = lint("t.yaml", "Resources:\n  Key:\n    Type: AWS::KMS::Key\n");
    assertThat(at(missing, "KP303")).containsExactly("KP303@2", "KP303@2");
    assertThat(missing.findings())
        .extracting(f -> f.diagnostic().message())
        .contains(
            "key `Key` is created without an explicit key policy",
            "key `Key` does not state its deletion waiting period");
    assertThat(at(key("EnableKeyRotation: true", "PendingWindowInDays: 6"), "KP303"))
        .containsExactly("KP303@6");
    assertThat(at(key("EnableKeyRotation: true", "PendingWindowInDays: 31"), "KP303"))
        .containsExactly("KP303@6");
    assertThat(at(key("EnableKeyRotation: true", "PendingWindowInDays: 7"), "KP303")).isEmpty();
    assertThat(at(key("EnableKeyRotation: true", "PendingWindowInDays: !Ref Days"), "KP303"))
        .isEmpty();
  }

  @Test
  void terraformKeyWithSeparatePolicyHasAnExplicitPolicy() {
    String tf =
        """
        resource "aws_kms_key" "k" {
          enable_key_rotation     = true
          deletion_window_in_days = 30
        }

        resource "aws_kms_key_policy" "k" {
          key_id = aws_kms_key.k.id
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
              { Sid = "Use", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/App" }, Action = ["kms:Decrypt"], Resource = "*" },
            ]
          })
        }

        resource "aws_kms_key" "bare" {
          enable_key_rotation = true
        }
        """;
    LintResult r = lint("k.tf", tf);
    assertThat(at(r, "KP303")).containsExactly("KP303@17", "KP303@17");
    assertThat(r.findings()).noneMatch(f -> f.diagnostic().message().contains("`aws_kms_key.k`"));
  }

  @Test
  void reservedAliasNames() {
    String tf =
        """
        resource "aws_kms_key" "k" {
          enable_key_rotation     = true
          deletion_window_in_days = 30
          policy                  = jsonencode({Version = "2012-10-17", Statement = [{Sid = "Root", Effect = "Allow", Principal = {AWS = "arn:aws:iam::111122223333:root"}, Action = "kms:*", Resource = "*"}]})
        }

        resource "aws_kms_alias" "bad" {
          name          = "alias/aws/k"
          target_key_id = aws_kms_key.k.key_id
        }

        resource "aws_kms_alias" "good" {
          name          = "alias/k-aws/k"
          target_key_id = aws_kms_key.k.key_id
        }

        resource "aws_kms_alias" "elsewhere" {
          name          = "alias/aws/other"
          target_key_id = var.key_id
        }

        resource "aws_kms_alias" "computed" {
          name          = "alias/aws/${var.env}"
          target_key_id = aws_kms_key.k.key_id
        }
        """;
    LintResult r = lint("a.tf", tf);
    assertThat(at(r, "KP305")).containsExactly("KP305@8", "KP305@18");
    assertThat(r.findings())
        .filteredOn(f -> f.diagnostic().code().id().equals("KP305"))
        .extracting(f -> f.diagnostic().message())
        .containsExactly(
            "alias `alias/aws/k` of `aws_kms_key.k` is in the `alias/aws/` namespace reserved for"
                + " AWS managed keys",
            "alias `alias/aws/other` (`aws_kms_alias.elsewhere`) is in the `alias/aws/` namespace"
                + " reserved for AWS managed keys");
  }

  @Test
  void severitiesAndSwitchesComeFromTheConfiguration() {
    LintConfig off = LintConfig.builder().disable(dev.keyvet.engine.diag.Code.KP302).build();
    LintResult r =
        Linter.standard()
            .lint(
                "t.yaml",
                "Resources:\n  Key:\n    Type: AWS::KMS::Key\n".getBytes(StandardCharsets.UTF_8),
                off);
    assertThat(at(r, "KP302")).isEmpty();
    assertThat(at(r, "KP303")).hasSize(2);
  }
}
