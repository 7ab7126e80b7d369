package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionPatternTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  private List<String> names(String pattern) {
    return catalog.actionsMatching(pattern).stream().map(KmsAction::name).toList();
  }

  @Test
  void actionsMatching_createStar_includesEveryCreate() {
    assertThat(names("kms:Create*"))
        .containsExactly("CreateAlias", "CreateCustomKeyStore", "CreateGrant", "CreateKey");
  }

  @Test
  void actionsMatching_reEncryptStar_isFromAndTo() {
    assertThat(names("kms:ReEncrypt*")).containsExactly("ReEncryptFrom", "ReEncryptTo");
  }

  @Test
  void actionsMatching_questionMark_matchesOneCharacter() {
    assertThat(names("kms:Get?ublicKey")).containsExactly("GetPublicKey");
    assertThat(names("kms:Get??ublicKey")).isEmpty();
  }

  @Test
  void actionsMatching_withoutWildcard_matchesWholeNameOnly() {
    assertThat(names("kms:ReEncrypt")).isEmpty();
    assertThat(names("kms:Decrypt")).containsExactly("Decrypt");
  }

  @Test
  void actionsMatching_allForms_returnEveryAction() {
    for (String all : List.of("*", "kms:*", "KMS:*", "*:*")) {
      assertThat(catalog.actionsMatching(all)).as(all).isEqualTo(catalog.actions());
    }
  }

  @Test
  void actionsMatching_ignoresCase() {
    assertThat(names("KMS:reencrypt*")).containsExactly("ReEncryptFrom", "ReEncryptTo");
    assertThat(names("kms:DECRYPT")).containsExactly("Decrypt");
  }

  @Test
  void actionsMatching_withoutPrefix_matchesBareNames() {
    assertThat(names("Generate*WithoutPlaintext"))
        .containsExactly("GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext");
  }

  @Test
  void actionsMatching_starInTheMiddle_matchesEmptyRun() {
    assertThat(names("kms:*Key*Rotation*"))
        .containsExactly(
            "DisableKeyRotation", "EnableKeyRotation", "GetKeyRotationStatus", "ListKeyRotations");
    assertThat(names("kms:Sign*")).containsExactly("Sign");
  }

  @Test
  void actionsMatching_otherService_isEmpty() {
    assertThat(catalog.actionsMatching("s3:Get*")).isEmpty();
    assertThat(catalog.actionsMatching("kms")).isEmpty();
    assertThat(catalog.actionsMatching("")).isEmpty();
  }

  @Test
  void wildcard_backtracksAcrossRepeatedLetters() {
    assertThat(dev.keyvet.engine.text.Wildcards.matches("a*ab", "aaab", true)).isTrue();
    assertThat(dev.keyvet.engine.text.Wildcards.matches("a*b?", "abbbc", true)).isTrue();
    assertThat(dev.keyvet.engine.text.Wildcards.matches("a*b", "abc", true)).isFalse();
    assertThat(dev.keyvet.engine.text.Wildcards.matches("**", "", true)).isTrue();
    assertThat(dev.keyvet.engine.text.Wildcards.matches("?", "", true)).isFalse();
  }
}
