package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogConsistencyTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  private Set<String> referencedKeys() {
    Set<String> used = new HashSet<>(catalog.commonKeyResourceKeys());
    catalog.actions().forEach(a -> used.addAll(a.conditionKeys()));
    return used;
  }

  @Test
  void everyKeyNamedByAnAction_existsInConditionKeys() {
    for (KmsAction a : catalog.actions()) {
      assertThat(catalog.conditionKeyNames()).as(a.name()).containsAll(a.conditionKeys());
    }
  }

  @Test
  void commonKeyResourceKeys_existAndIncludeTheDocumentedOnes() {
    assertThat(catalog.conditionKeyNames()).containsAll(catalog.commonKeyResourceKeys());
    assertThat(catalog.commonKeyResourceKeys())
        .contains(
            "kms:CallerAccount",
            "kms:ViaService",
            "kms:KeyOrigin",
            "kms:KeySpec",
            "kms:KeyUsage",
            "kms:MultiRegion",
            "kms:MultiRegionKeyType",
            "kms:ResourceAliases",
            "aws:ResourceTag/",
            "kms:CustomerMasterKeySpec",
            "kms:CustomerMasterKeyUsage");
  }

  @Test
  void everyKmsKey_isSuppliedBySomeAction() {
    Set<String> used = referencedKeys();
    assertThat(catalog.conditionKeys())
        .filteredOn(k -> k.service().equals("kms"))
        .allSatisfy(k -> assertThat(used).as(k.name()).contains(k.name()));
  }

  @Test
  void everyAwsKey_appliesEverywhereOrIsNamedWhereItApplies() {
    Set<String> used = referencedKeys();
    assertThat(catalog.conditionKeys())
        .filteredOn(k -> k.service().equals("aws"))
        .allSatisfy(
            k -> assertThat(k.everyAction() || used.contains(k.name())).as(k.name()).isTrue());
  }

  @Test
  void everyActionKeys_areGlobalAwsKeysNotNamedPerAction() {
    Set<String> used = referencedKeys();
    assertThat(catalog.conditionKeys())
        .filteredOn(ConditionKeyDef::everyAction)
        .allSatisfy(
            k -> {
              assertThat(k.service()).isEqualTo("aws");
              assertThat(used).doesNotContain(k.name());
            });
  }

  @Test
  void actionKeyLists_haveNoDuplicatesAndNoCommonKeysOnKeyActions() {
    for (KmsAction a : catalog.actions()) {
      assertThat(a.conditionKeys()).as(a.name()).doesNotHaveDuplicates();
      if (a.resource().hasKey()) {
        assertThat(a.conditionKeys())
            .as(a.name())
            .doesNotContainAnyElementsOf(catalog.commonKeyResourceKeys());
      }
    }
  }

  @Test
  void prefixKeys_areExactlyTheVariableSuffixFamilies() {
    assertThat(catalog.conditionKeys())
        .filteredOn(ConditionKeyDef::prefix)
        .extracting(ConditionKeyDef::name)
        .containsExactlyInAnyOrder(
            "kms:EncryptionContext:",
            "kms:RecipientAttestation:",
            "aws:PrincipalTag/",
            "aws:ResourceTag/",
            "aws:RequestTag/");
  }

  @Test
  void documentedValues_areDistinct() {
    for (ConditionKeyDef k : catalog.conditionKeys()) {
      assertThat(k.values()).as(k.name()).doesNotHaveDuplicates();
    }
  }

  @Test
  void lists_areUnmodifiable() {
    List<KmsAction> actions = catalog.actions();
    assertThatThrownBy(() -> actions.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> catalog.grantOperations().add("PutKeyPolicy"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> catalog.conditionKeyNames().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
