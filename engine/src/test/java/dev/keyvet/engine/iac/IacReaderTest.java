package dev.keyvet.engine.iac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.iac.IacReader.Kind;
import dev.keyvet.engine.model.KeySettings;
import dev.keyvet.engine.model.KeySettings.Setting;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Telling a file's kind, and the keys, settings and aliases read from it. */
class IacReaderTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void kindComesFromContentAndName() {
    assertThat(IacReader.kind("p.json", b("{\"Version\":\"2012-10-17\",\"Statement\":[]}")))
        .isEqualTo(Kind.POLICY);
    assertThat(IacReader.kind("p.json", b("[{\"Effect\":\"Allow\"}]"))).isEqualTo(Kind.POLICY);
    assertThat(IacReader.kind("p.json", b("{\"Statement\": [,]"))).isEqualTo(Kind.POLICY);
    assertThat(IacReader.kind("package.json", b("{\"name\":\"x\"}"))).isEqualTo(Kind.OTHER);
    assertThat(IacReader.kind("t.json", b("{\"Resources\":{\"K\":{\"Type\":\"AWS::KMS::Key\"}}}")))
        .isEqualTo(Kind.CLOUDFORMATION);
    assertThat(IacReader.kind("t.template", b("Resources:\n  K:\n    Type: AWS::KMS::Key\n")))
        .isEqualTo(Kind.CLOUDFORMATION);
    assertThat(IacReader.kind("keyvet.yaml", b("keyAccount: \"111122223333\"\n")))
        .isEqualTo(Kind.OTHER);
    assertThat(IacReader.kind("main.tf", b("variable \"x\" {}\n"))).isEqualTo(Kind.TERRAFORM);
    assertThat(IacReader.kind("k.tf.json", b("{\"resource\":{}}"))).isEqualTo(Kind.TERRAFORM);
  }

  @Test
  void onlyFilesAboutKeysAreWorthLintingInADirectory() {
    assertThat(IacReader.worthLinting("main.tf", b("resource \"aws_s3_bucket\" \"b\" {}\n")))
        .isFalse();
    assertThat(IacReader.worthLinting("kms.tf", b("resource \"aws_kms_key\" \"k\" {}\n"))).isTrue();
    assertThat(
            IacReader.worthLinting("s3.yaml", b("Resources:\n  B:\n    Type: AWS::S3::Bucket\n")))
        .isFalse();
    assertThat(IacReader.worthLinting("keyvet.yaml", b("rules:\n  KP306: off\n"))).isFalse();
    assertThat(IacReader.worthLinting("broken.json", b("{\"Statement\": [,]"))).isTrue();
  }

  @Test
  void cloudFormationSettingsAndAliases() {
    IacDocument doc =
        IacReader.read(
            "t.yaml",
            b(
                """
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                    Properties:
                      EnableKeyRotation: !Ref Rotate
                      KeySpec: SYMMETRIC_DEFAULT
                      MultiRegion: true
                  Alias:
                    Type: AWS::KMS::Alias
                    Properties:
                      AliasName: !Sub alias/${Env}/key
                      TargetKeyId: !Ref Key
                  Stray:
                    Type: AWS::KMS::Alias
                    Properties:
                      AliasName: alias/aws/stray
                      TargetKeyId: arn:aws:kms:us-east-1:111122223333:key/x
                """),
            Kind.CLOUDFORMATION);
    assertThat(doc.diagnostics()).isEmpty();
    assertThat(doc.policies()).hasSize(2);
    KeySettings key = doc.policies().get(0).settings();
    assertThat(key.resource()).isEqualTo("Key");
    assertThat(key.declared()).isTrue();
    assertThat(doc.policies().get(0).hasPolicy()).isFalse();
    assertThat(key.value(Setting.ENABLE_KEY_ROTATION).known()).isFalse();
    assertThat(key.value(Setting.MULTI_REGION).isTrue()).isTrue();
    assertThat(key.aliases()).singleElement().satisfies(a -> assertThat(a.name()).isNull());
    KeySettings stray = doc.policies().get(1).settings();
    assertThat(stray.declared()).isFalse();
    assertThat(stray.aliases())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("alias/aws/stray");
              assertThat(a.span().line()).isEqualTo(16);
            });
  }

  @Test
  void terraformSettingsFromEitherSyntax() {
    IacDocument doc =
        IacReader.read(
            "k.tf",
            b(
                """
                resource "aws_kms_key" "k" {
                  enable_key_rotation     = true # comment
                  deletion_window_in_days = var.window // comment
                  key_spec                = "SYMMETRIC_DEFAULT"
                  tags = {
                    Name = "k-${var.env}"
                  }
                  count = var.enabled ? 1 : 0
                  lifecycle {
                    prevent_destroy = true
                  }
                }
                """),
            Kind.TERRAFORM);
    assertThat(doc.diagnostics()).isEmpty();
    KeySettings k = doc.policies().get(0).settings();
    assertThat(k.resource()).isEqualTo("aws_kms_key.k");
    assertThat(k.value(Setting.ENABLE_KEY_ROTATION).isTrue()).isTrue();
    assertThat(k.value(Setting.ENABLE_KEY_ROTATION).span().line()).isEqualTo(2);
    assertThat(k.value(Setting.PENDING_WINDOW_IN_DAYS).known()).isFalse();
    assertThat(k.value(Setting.KEY_SPEC).text()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(k.has(Setting.POLICY)).isFalse();
  }
}
