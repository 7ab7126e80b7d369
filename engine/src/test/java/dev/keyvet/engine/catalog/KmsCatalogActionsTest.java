package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KmsCatalogActionsTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  /** Every permission in the reference's permission catalogue (section 4.1). */
  static final List<String> ALL_ACTIONS =
      List.of(
          "CancelKeyDeletion",
          "ConnectCustomKeyStore",
          "CreateAlias",
          "CreateCustomKeyStore",
          "CreateGrant",
          "CreateKey",
          "Decrypt",
          "DeleteAlias",
          "DeleteCustomKeyStore",
          "DeleteImportedKeyMaterial",
          "DeriveSharedSecret",
          "DescribeCustomKeyStores",
          "DescribeKey",
          "DisableKey",
          "DisableKeyRotation",
          "DisconnectCustomKeyStore",
          "EnableKey",
          "EnableKeyRotation",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateMac",
          "GenerateRandom",
          "GetKeyLastUsage",
          "GetKeyPolicy",
          "GetKeyRotationStatus",
          "GetParametersForImport",
          "GetPublicKey",
          "ImportKeyMaterial",
          "ListAliases",
          "ListGrants",
          "ListKeyPolicies",
          "ListKeyRotations",
          "ListKeys",
          "ListResourceTags",
          "ListRetirableGrants",
          "PutKeyPolicy",
          "ReEncryptFrom",
          "ReEncryptTo",
          "ReplicateKey",
          "RetireGrant",
          "RevokeGrant",
          "RotateKeyOnDemand",
          "ScheduleKeyDeletion",
          "Sign",
          "SynchronizeMultiRegionKey",
          "TagResource",
          "UntagResource",
          "UpdateAlias",
          "UpdateCustomKeyStore",
          "UpdateKeyDescription",
          "UpdatePrimaryRegion",
          "Verify",
          "VerifyMac");

  /** The grant operations listed in the reference (section 2.5). */
  static final List<String> GRANT_OPERATIONS =
      List.of(
          "Decrypt",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "ReEncryptFrom",
          "ReEncryptTo",
          "Sign",
          "Verify",
          "GenerateMac",
          "VerifyMac",
          "DeriveSharedSecret",
          "GetPublicKey",
          "DescribeKey",
          "CreateGrant",
          "RetireGrant");

  /** The cross-account capable operations (sections 2.3 and 4.1). */
  static final List<String> CROSS_ACCOUNT =
      List.of(
          "CreateGrant",
          "Decrypt",
          "DeriveSharedSecret",
          "DescribeKey",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateMac",
          "GetKeyRotationStatus",
          "GetPublicKey",
          "ListGrants",
          "ReEncryptFrom",
          "ReEncryptTo",
          "RetireGrant",
          "RevokeGrant",
          "Sign",
          "Verify",
          "VerifyMac");

  private KmsAction action(String name) {
    return catalog.action(name).orElseThrow();
  }

  @Test
  void actions_containEveryPermissionOfTheReference_andNothingElse() {
    assertThat(catalog.actions())
        .extracting(KmsAction::name)
        .containsExactlyElementsOf(ALL_ACTIONS);
  }

  @Test
  void actionNames_areQualified() {
    assertThat(catalog.actionNames()).hasSize(ALL_ACTIONS.size()).contains("kms:Decrypt");
    assertThat(catalog.actionNames()).allMatch(n -> n.startsWith("kms:"));
  }

  @Test
  void decrypt_isKeyResourceCrossAccountAndGrantable() {
    KmsAction decrypt = action("Decrypt");
    assertThat(decrypt.resource()).isEqualTo(ResourceKind.KEY);
    assertThat(decrypt.crossAccount()).isTrue();
    assertThat(decrypt.grantable()).isTrue();
    assertThat(decrypt.qualifiedName()).isEqualTo("kms:Decrypt");
  }

  @Test
  void scheduleKeyDeletion_isNotCrossAccount() {
    assertThat(action("ScheduleKeyDeletion").crossAccount()).isFalse();
  }

  @Test
  void createKey_hasNoResource() {
    assertThat(action("CreateKey").resource()).isEqualTo(ResourceKind.NONE);
  }

  @Test
  void aliasOperations_needAliasAndKey() {
    for (String name : List.of("CreateAlias", "DeleteAlias", "UpdateAlias")) {
      assertThat(action(name).resource()).as(name).isEqualTo(ResourceKind.ALIAS_AND_KEY);
    }
  }

  @Test
  void retireGrant_isGrantable_revokeGrantIsNot() {
    assertThat(action("RetireGrant").grantable()).isTrue();
    assertThat(action("RevokeGrant").grantable()).isFalse();
  }

  @Test
  void generateRandom_hasNoResourceAndIsNotCrossAccount() {
    KmsAction random = action("GenerateRandom");
    assertThat(random.resource()).isEqualTo(ResourceKind.NONE);
    assertThat(random.crossAccount()).isFalse();
    assertThat(random.grantable()).isFalse();
  }

  @Test
  void crossAccountFlag_isTrueExactlyForTheDocumentedOperations() {
    assertThat(catalog.actions())
        .filteredOn(KmsAction::crossAccount)
        .extracting(KmsAction::name)
        .containsExactlyInAnyOrderElementsOf(CROSS_ACCOUNT);
  }

  @Test
  void grantOperations_equalTheReferenceList() {
    assertThat(catalog.grantOperations()).containsExactlyInAnyOrderElementsOf(GRANT_OPERATIONS);
  }

  @Test
  void grantOperations_equalTheValuesOfGrantOperationsKey() {
    ConditionKeyDef key = catalog.conditionKey("kms:GrantOperations").orElseThrow().def();
    assertThat(key.values()).containsExactlyInAnyOrderElementsOf(catalog.grantOperations());
  }

  @Test
  void action_lowercaseName_isFound() {
    assertThat(catalog.action("decrypt")).containsSame(action("Decrypt"));
  }

  @Test
  void action_qualifiedAnyCase_isFound() {
    assertThat(catalog.action("kms:decrypt")).containsSame(action("Decrypt"));
    assertThat(catalog.action("KMS:ReEncryptFrom")).containsSame(action("ReEncryptFrom"));
  }

  @Test
  void action_otherServiceOrUnknown_isEmpty() {
    assertThat(catalog.action("s3:Decrypt")).isEmpty();
    assertThat(catalog.action("kms:Decrypts")).isEmpty();
    assertThat(catalog.action("kms:")).isEmpty();
    assertThat(catalog.action("kms:ReEncrypt")).isEmpty();
  }

  @Test
  void get_returnsTheSameInstance() {
    assertThat(KmsCatalog.get()).isSameAs(catalog);
  }
}
