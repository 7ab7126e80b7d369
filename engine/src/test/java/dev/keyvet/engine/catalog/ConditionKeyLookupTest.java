package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionKeyLookupTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  /** The multi-valued keys the reference lists (section 5.4). */
  static final List<String> MULTI_VALUED_IN_REFERENCE =
      List.of(
          "kms:EncryptionContextKeys",
          "kms:GrantOperations",
          "kms:ResourceAliases",
          "aws:TagKeys",
          "aws:PrincipalOrgPaths",
          "aws:CalledVia",
          "aws:ResourceOrgPaths",
          "aws:PrincipalServiceNamesList");

  private ResolvedConditionKey key(String name) {
    return catalog.conditionKey(name).orElseThrow();
  }

  @Test
  void conditionKey_exactName_isFoundWithoutSuffix() {
    ResolvedConditionKey k = key("kms:CallerAccount");
    assertThat(k.def().name()).isEqualTo("kms:CallerAccount");
    assertThat(k.suffix()).isEmpty();
    assertThat(k.name()).isEqualTo("kms:CallerAccount");
  }

  @Test
  void conditionKey_anyCase_isFoundWithCanonicalName() {
    assertThat(key("KMS:callerACCOUNT").def().name()).isEqualTo("kms:CallerAccount");
    assertThat(key("AWS:SOURCEIP").def().name()).isEqualTo("aws:SourceIp");
    assertThat(key("aws:UserId").def().name()).isEqualTo("aws:userid");
  }

  @Test
  void conditionKey_encryptionContextPrefix_keepsSuffixAsWritten() {
    ResolvedConditionKey k = key("kms:encryptioncontext:AppName");
    assertThat(k.def().name()).isEqualTo("kms:EncryptionContext:");
    assertThat(k.suffix()).isEqualTo("AppName");
    assertThat(k.name()).isEqualTo("kms:EncryptionContext:AppName");
  }

  @Test
  void conditionKey_tagPrefixes_areFound() {
    assertThat(key("aws:PrincipalTag/team").suffix()).isEqualTo("team");
    assertThat(key("aws:ResourceTag/cost/center").suffix()).isEqualTo("cost/center");
    assertThat(key("aws:requesttag/Env").def().name()).isEqualTo("aws:RequestTag/");
  }

  @Test
  void conditionKey_prefixWithoutSuffix_isUnknown() {
    assertThat(catalog.conditionKey("kms:EncryptionContext:")).isEmpty();
    assertThat(catalog.conditionKey("aws:PrincipalTag/")).isEmpty();
  }

  @Test
  void conditionKey_recipientAttestation_acceptsDocumentedFieldsOnly() {
    assertThat(key("kms:RecipientAttestation:ImageSha384").suffix()).isEqualTo("ImageSha384");
    assertThat(catalog.conditionKey("kms:RecipientAttestation:pcr0")).isPresent();
    assertThat(catalog.conditionKey("kms:RecipientAttestation:PCR31")).isPresent();
    assertThat(catalog.conditionKey("kms:RecipientAttestation:NitroTPMPCR23")).isPresent();
    assertThat(catalog.conditionKey("kms:RecipientAttestation:PCR32")).isEmpty();
    assertThat(catalog.conditionKey("kms:RecipientAttestation:NitroTPMPCR24")).isEmpty();
    assertThat(catalog.conditionKey("kms:RecipientAttestation:Other")).isEmpty();
  }

  @Test
  void conditionKey_unknownName_isEmpty() {
    assertThat(catalog.conditionKey("kms:CallerAcount")).isEmpty();
    assertThat(catalog.conditionKey("s3:prefix")).isEmpty();
    assertThat(catalog.conditionKey("kms:EncryptionContextKeysX")).isEmpty();
  }

  @Test
  void multiValued_isTrueExactlyForTheArrayKeys() {
    assertThat(catalog.conditionKeys())
        .filteredOn(ConditionKeyDef::multiValued)
        .extracting(ConditionKeyDef::name)
        // The reference's list omits aws:SourceOrgPaths, which the IAM User Guide documents as
        // multi-valued.
        .containsExactlyInAnyOrderElementsOf(
            concat(MULTI_VALUED_IN_REFERENCE, List.of("aws:SourceOrgPaths")));
    assertThat(catalog.conditionKeys())
        .allMatch(k -> k.multiValued() == (k.type() == ConditionKeyType.ARRAY_OF_STRING));
  }

  @Test
  void types_ofSampleKeys_matchTheReference() {
    assertThat(key("kms:CallerAccount").def().type()).isEqualTo(ConditionKeyType.STRING);
    assertThat(key("kms:EncryptionContextKeys").def().type())
        .isEqualTo(ConditionKeyType.ARRAY_OF_STRING);
    assertThat(key("kms:ScheduleKeyDeletionPendingWindowInDays").def().type())
        .isEqualTo(ConditionKeyType.NUMERIC);
    assertThat(key("kms:GrantIsForAWSResource").def().type()).isEqualTo(ConditionKeyType.BOOL);
    assertThat(key("kms:ValidTo").def().type()).isEqualTo(ConditionKeyType.DATE);
    assertThat(key("kms:GrantConstraintSourceArn").def().type()).isEqualTo(ConditionKeyType.ARN);
    assertThat(key("aws:PrincipalArn").def().type()).isEqualTo(ConditionKeyType.ARN);
    assertThat(key("aws:SourceIp").def().type()).isEqualTo(ConditionKeyType.IP_ADDRESS);
    assertThat(key("aws:VpcSourceIp").def().type()).isEqualTo(ConditionKeyType.IP_ADDRESS);
    assertThat(key("aws:MultiFactorAuthAge").def().type()).isEqualTo(ConditionKeyType.NUMERIC);
    assertThat(key("aws:CurrentTime").def().type()).isEqualTo(ConditionKeyType.DATE);
    assertThat(key("kms:EncryptionContext:x").def().type()).isEqualTo(ConditionKeyType.STRING);
  }

  @Test
  void epochTime_isDateAndAlsoNumeric() {
    ConditionKeyDef epoch = key("aws:EpochTime").def();
    assertThat(epoch.type()).isEqualTo(ConditionKeyType.DATE);
    assertThat(epoch.alsoNumeric()).isTrue();
    assertThat(catalog.conditionKeys())
        .filteredOn(ConditionKeyDef::alsoNumeric)
        .containsOnly(epoch);
  }

  @Test
  void customerMasterKeyKeys_areDeprecatedInFavourOfKeySpecAndKeyUsage() {
    assertThat(key("kms:CustomerMasterKeySpec").def().replacedBy()).contains("kms:KeySpec");
    assertThat(key("kms:CustomerMasterKeyUsage").def().replacedBy()).contains("kms:KeyUsage");
    assertThat(catalog.conditionKeys())
        .filteredOn(ConditionKeyDef::deprecated)
        .extracting(ConditionKeyDef::name)
        .containsExactlyInAnyOrder("kms:CustomerMasterKeySpec", "kms:CustomerMasterKeyUsage");
  }

  @Test
  void keyUsage_listsDocumentedValues() {
    assertThat(key("kms:KeyUsage").def().values())
        .containsExactly("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
    assertThat(key("kms:CallerAccount").def().values()).isEmpty();
  }

  @Test
  void sources_ofSampleKeys_areRecorded() {
    assertThat(key("kms:KeySpec").def().source()).isEqualTo(ConditionKeySource.RESOURCE);
    assertThat(key("kms:EncryptionAlgorithm").def().source()).isEqualTo(ConditionKeySource.REQUEST);
    assertThat(key("aws:PrincipalArn").def().source()).isEqualTo(ConditionKeySource.PRINCIPAL);
    assertThat(key("aws:SourceIp").def().source()).isEqualTo(ConditionKeySource.GLOBAL);
  }

  @Test
  void conditionKeyNames_includeBothServices_inCatalogueOrder() {
    assertThat(catalog.conditionKeyNames())
        .contains("kms:CallerAccount", "kms:EncryptionContext:", "aws:PrincipalTag/")
        .contains(
            "aws:CalledViaFirst",
            "aws:CalledViaLast",
            "aws:RequestedRegion",
            "aws:PrincipalOrgPaths",
            "aws:ResourceOrgID",
            "aws:ResourceOrgPaths",
            "aws:SourceOrgID",
            "aws:SourceOrgPaths",
            "aws:SourceVpc",
            "aws:SourceVpce",
            "aws:VpcSourceIp",
            "aws:PrincipalServiceNamesList",
            "aws:ViaAWSService",
            "aws:userid",
            "aws:username")
        .doesNotHaveDuplicates();
    assertThat(catalog.conditionKeyNames()).hasSameSizeAs(catalog.conditionKeys());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
