package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionSupportsKeyTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  private boolean supports(String action, String key) {
    return catalog.actionSupportsKey(
        catalog.action(action).orElseThrow(), catalog.conditionKey(key).orElseThrow());
  }

  @Test
  void grantIsForAwsResource_onlyOnGrantManagement() {
    assertThat(supports("Decrypt", "kms:GrantIsForAWSResource")).isFalse();
    assertThat(supports("CreateGrant", "kms:GrantIsForAWSResource")).isTrue();
    assertThat(supports("ListGrants", "kms:GrantIsForAWSResource")).isTrue();
    assertThat(supports("RevokeGrant", "kms:GrantIsForAWSResource")).isTrue();
  }

  @Test
  void encryptionContext_onCryptoOperationsNotOnDescribeKey() {
    assertThat(supports("DescribeKey", "kms:EncryptionContext:x")).isFalse();
    assertThat(supports("Decrypt", "kms:EncryptionContext:x")).isTrue();
    assertThat(supports("ReEncryptTo", "kms:EncryptionContextKeys")).isTrue();
  }

  @Test
  void globalNetworkAndPrincipalKeys_onEveryAction() {
    for (KmsAction a : catalog.actions()) {
      assertThat(catalog.actionSupportsKey(a, catalog.conditionKey("aws:SourceIp").orElseThrow()))
          .as(a.name())
          .isTrue();
      assertThat(
              catalog.actionSupportsKey(
                  a, catalog.conditionKey("aws:PrincipalTag/team").orElseThrow()))
          .as(a.name())
          .isTrue();
    }
  }

  @Test
  void commonKeyResourceKeys_onlyWhereThereIsAKey() {
    assertThat(supports("ListKeys", "kms:ViaService")).isFalse();
    assertThat(supports("GenerateRandom", "kms:CallerAccount")).isFalse();
    assertThat(supports("ListKeys", "kms:KeySpec")).isFalse();
    assertThat(supports("ListAliases", "aws:ResourceTag/team")).isFalse();
    assertThat(supports("Decrypt", "kms:ViaService")).isTrue();
    assertThat(supports("ScheduleKeyDeletion", "aws:ResourceTag/team")).isTrue();
    assertThat(supports("CreateAlias", "kms:ResourceAliases")).isTrue();
    assertThat(supports("Sign", "kms:CustomerMasterKeySpec")).isTrue();
  }

  @Test
  void requestTags_onlyOnTaggingAndCreateKey() {
    assertThat(supports("CreateKey", "aws:RequestTag/env")).isTrue();
    assertThat(supports("TagResource", "aws:RequestTag/env")).isTrue();
    assertThat(supports("UntagResource", "aws:RequestTag/env")).isFalse();
    assertThat(supports("Decrypt", "aws:RequestTag/env")).isFalse();
    assertThat(supports("UntagResource", "aws:TagKeys")).isTrue();
    assertThat(supports("Encrypt", "aws:TagKeys")).isFalse();
  }

  @Test
  void createKey_seesKeyPropertiesFromTheRequest() {
    assertThat(supports("CreateKey", "kms:KeySpec")).isTrue();
    assertThat(supports("CreateKey", "kms:BypassPolicyLockoutSafetyCheck")).isTrue();
    assertThat(supports("CreateKey", "kms:ResourceAliases")).isFalse();
    assertThat(supports("CreateKey", "aws:ResourceTag/team")).isFalse();
  }

  @Test
  void customKeyStoreOperations_seeCallerAccount() {
    assertThat(supports("ConnectCustomKeyStore", "kms:CallerAccount")).isTrue();
    assertThat(supports("DescribeCustomKeyStores", "kms:CallerAccount")).isTrue();
    assertThat(supports("ConnectCustomKeyStore", "kms:ViaService")).isFalse();
  }

  @Test
  void recipientAttestation_onNitroOperationsOnly() {
    assertThat(supports("GenerateRandom", "kms:RecipientAttestation:PCR0")).isTrue();
    assertThat(supports("DeriveSharedSecret", "kms:RecipientAttestation:ImageSha384")).isTrue();
    assertThat(supports("GenerateDataKeyWithoutPlaintext", "kms:RecipientAttestation:PCR0"))
        .isFalse();
  }

  @Test
  void requestAlias_notOnAliasOperations() {
    assertThat(supports("DescribeKey", "kms:RequestAlias")).isTrue();
    assertThat(supports("CreateAlias", "kms:RequestAlias")).isFalse();
  }
}
