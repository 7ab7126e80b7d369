package dev.keyvet.engine.iac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.Linter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linting key policies embedded in CloudFormation and Terraform files: every finding at its line in
 * the file, the key settings rules, and intrinsics and references read as placeholders.
 */
class IacLintTest {
  private static final Path DIR = Path.of("src/test/resources/iac");

  static LintResult lintFile(String name) {
    try {
      return Linter.standard()
          .lint(name, Files.readAllBytes(DIR.resolve(name)), LintConfig.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LintResult lintText(String name, String text) {
    return Linter.standard().lint(name, text.getBytes(StandardCharsets.UTF_8), LintConfig.DEFAULT);
  }

  /** Every finding as {@code CODE@line:column}. */
  static List<String> found(LintResult r) {
    return r.findings().stream()
        .map(
            f ->
                f.diagnostic().code().id()
                    + "@"
                    + f.diagnostic().span().line()
                    + ":"
                    + f.diagnostic().span().column())
        .toList();
  }

  static List<String> messages(LintResult r, String code) {
    return r.findings().stream()
        .filter(f -> f.diagnostic().code().id().equals(code))
        .map(f -> f.diagnostic().message())
        .toList();
  }

  @Test
  void cloudFormationYamlFindingsPointIntoTheTemplate() {
    LintResult r = lintFile("cfn-keys.yaml");
    assertThat(found(r))
        .containsExactly(
            "KP302@11:26", // EnableKeyRotation: false
            "KP303@12:28", // PendingWindowInDays: 3
            "KP015@20:22", // !Sub principal
            "KP015@26:22", // !GetAtt principal
            "KP102@29:17", // kms:Decrypts
            "KP305@34:18", // alias/aws/app
            "KP303@36:3"); // SigningKey without KeyPolicy; asymmetric, so no KP302
    assertThat(messages(r, "KP102"))
        .containsExactly(
            "unknown KMS action `kms:Decrypts`; did you mean `kms:Decrypt`? (in `AppKey`)");
    assertThat(messages(r, "KP305"))
        .containsExactly(
            "alias `alias/aws/app` of `AppKey` is in the `alias/aws/` namespace reserved for AWS"
                + " managed keys");
    // Intrinsics are placeholders, never errors.
    assertThat(r.findings())
        .filteredOn(f -> f.diagnostic().code().id().equals("KP015"))
        .allMatch(f -> f.diagnostic().severity() == Severity.WARNING);
  }

  @Test
  void cloudFormationJsonFindingsPointIntoTheTemplate() {
    LintResult r = lintFile("cfn-keys.json");
    assertThat(found(r))
        .containsExactly(
            "KP302@8:33", // RotationPeriodInDays: 30
            "KP015@17:24", // Fn::Sub
            "KP015@25:36", // Ref AWS::AccountId
            "KP102@26:41"); // kms:GenerateDataKeys
    // The imported-material key (Origin EXTERNAL) and the replica cannot rotate automatically.
    assertThat(messages(r, "KP302"))
        .noneMatch(m -> m.contains("ImportedKey") || m.contains("Replica"));
  }

  @Test
  void literalBlockScalarPolicyKeepsItsLines() {
    String template =
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: true
              PendingWindowInDays: 30
              KeyPolicy: |
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "Root", "Effect": "Allow",
                     "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                     "Action": "kms:Encrypts", "Resource": "*"}
                  ]
                }
        """;
    assertThat(found(lintText("t.yaml", template))).contains("KP102@13:24");
  }

  @Test
  void terraformFindingsPointIntoTheConfiguration() {
    LintResult r = lintFile("main.tf");
    assertThat(found(r))
        .containsExactly(
            "KP302@7:29", // enable_key_rotation = false
            "KP303@8:29", // deletion_window_in_days = 45
            "KP302@36:29", // rotation_period_in_days = 4000
            "KP015@46:17", // ${data.aws_caller_identity.current.account_id}
            "KP015@54:29", // var.admin_role_arn
            "KP215@55:21", // kms:Describe*, kms:Put*
            "KP305@120:19", // alias/aws/encoded
            "KP303@129:1", // default_policy: no deletion window
            "KP303@129:1"); // default_policy: no policy
    assertThat(messages(r, "KP015")).allMatch(m -> m.endsWith("(in `aws_kms_key.encoded`)"));
    // The HMAC key cannot rotate, and its policy comes from aws_kms_key_policy.
    assertThat(r.findings()).noneMatch(f -> f.diagnostic().message().contains("hmac"));
  }

  @Test
  void terraformJsonSyntaxReadsDataSourcesAndStringPolicies() {
    LintResult r = lintFile("keys.tf.json");
    assertThat(found(r)).containsExactly("KP302@5:32", "KP305@17:17", "KP201@36:57");
    assertThat(messages(r, "KP201").get(0)).endsWith("(in `aws_kms_key.json_key`)");
  }

  @Test
  void policyDocumentDataSourceBecomesThePolicy() {
    String tf =
        """
        resource "aws_kms_key" "k" {
          enable_key_rotation     = true
          deletion_window_in_days = 30
          policy                  = data.aws_iam_policy_document.k.json
        }

        data "aws_iam_policy_document" "k" {
          statement {
            sid     = "Root"
            actions = ["kms:*"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::111122223333:root"]
            }
            resources = ["*"]
          }
          statement {
            effect  = "Allow"
            actions = ["kms:Decrypt", "kms:Encrypts"]
            principals {
              type        = "Service"
              identifiers = ["s3.amazonaws.com"]
            }
            resources = ["*"]
          }
        }
        """;
    LintResult r = lintText("k.tf", tf);
    // A statement without sid, an unknown action and an unscoped service principal, each at the
    // line of the attribute or block it comes from.
    assertThat(found(r)).containsExactly("KP306@17:3", "KP102@19:31", "KP213@22:22");
  }

  @Test
  void unresolvablePoliciesAreReportedNotGuessed() {
    LintResult r = lintFile("unresolved.tf");
    assertThat(found(r)).containsExactly("KP015@4:29", "KP015@10:29");
    assertThat(messages(r, "KP015").get(1))
        .isEqualTo(
            "the policy of `aws_kms_key.from_module` is"
                + " `data.aws_iam_policy_document.elsewhere.json`, which this file does not define;"
                + " keyvet cannot check it");
  }

  @Test
  void hclSyntaxErrorsHaveAPosition() {
    LintResult r = lintFile("broken.tf");
    assertThat(found(r)).containsExactly("KP001@3:17");
    assertThat(r.findings().get(0).diagnostic().message())
        .isEqualTo("HCL syntax error: string is not closed before the end of the line");
    assertThat(found(lintText("a.tf", "resource \"aws_kms_key\" \"k\" {\n  policy = \n}\n")))
        .containsExactly("KP001@2:12");
    assertThat(found(lintText("b.tf", "resource \"aws_kms_key\" \"k\" {\n  a = [1, 2\n")))
        .containsExactly("KP001@3:1");
    assertThat(found(lintText("c.tf", "resource \"aws_kms_key\" \"k\" {\n  x = 1\n")))
        .containsExactly("KP001@3:1");
    assertThat(found(lintText("d.tf", "resource \"aws_kms_key\" \"k\" {\n  p = <<EOF\n{}\n")))
        .containsExactly("KP001@2:7");
    assertThat(found(lintText("e.tf", "/* aws_kms_key\nresource x {")))
        .containsExactly("KP001@1:1");
  }

  @Test
  void yamlSyntaxErrorsHaveAPosition() {
    LintResult r =
        lintText("t.yaml", "Resources:\n  K:\n    Type: AWS::KMS::Key\n   Properties: [\n");
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.diagnostic().code().id()).isEqualTo("KP001");
    assertThat(f.diagnostic().span().line()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void heredocInterpolationsAndEscapedPolicyVariables() {
    String tf =
        """
        resource "aws_kms_key" "k" {
          enable_key_rotation     = true
          deletion_window_in_days = 30
          policy = <<EOF
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": ${jsonencode(var.admins)}},
           "Action": "kms:*", "Resource": "*",
           "Condition": {"StringEquals": {"aws:PrincipalTag/team": "$${aws:username}"}}}]}
        EOF
        }
        """;
    LintResult r = lintText("h.tf", tf);
    // The bare interpolation is one unresolved principal; the escaped policy variable is a
    // policy variable, not a placeholder.
    assertThat(found(r)).containsExactly("KP015@6:59");
  }

  @Test
  void shortAndLongIntrinsicsReadTheSame() {
    String yaml =
        """
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: true
              PendingWindowInDays: 30
              KeyPolicy:
                Version: "2012-10-17"
                Statement:
                  - Sid: Root
                    Effect: Allow
                    Principal:
                      AWS: !Join ["", ["arn:", !Ref "AWS::Partition", ":iam::", !Ref "AWS::AccountId", ":root"]]
                    Action: kms:*
                    Resource: "*"
                  - Sid: Condition on an intrinsic
                    Effect: Allow
                    Principal:
                      AWS: arn:aws:iam::111122223333:root
                    Action: kms:Decrypt
                    Resource: "*"
                    Condition:
                      StringEquals:
                        kms:CallerAccount: !Ref AWS::AccountId
        """;
    LintResult r = lintText("i.yaml", yaml);
    assertThat(r.findings())
        .allMatch(f -> f.diagnostic().code().id().equals("KP015"))
        .extracting(f -> f.diagnostic().span().line())
        .containsExactly(13, 24);
  }
}
