package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuggestionTest {
  private final KmsCatalog catalog = KmsCatalog.get();

  @Test
  void suggestAction_extraLetter_findsDecrypt() {
    assertThat(catalog.suggestAction("kms:Decrypts")).contains("kms:Decrypt");
  }

  @Test
  void suggestAction_transposition_findsEncrypt() {
    assertThat(catalog.suggestAction("kms:Ecnrypt")).contains("kms:Encrypt");
  }

  @Test
  void suggestAction_bareName_suggestsQualifiedName() {
    assertThat(catalog.suggestAction("DescribeKye")).contains("kms:DescribeKey");
  }

  @Test
  void suggestAction_nothingClose_isEmpty() {
    assertThat(catalog.suggestAction("kms:Frobnicate")).isEmpty();
  }

  @Test
  void suggestConditionKey_missingLetter_findsCallerAccount() {
    assertThat(catalog.suggestConditionKey("kms:CallerAcount")).contains("kms:CallerAccount");
  }

  @Test
  void suggestConditionKey_misspelledPrefix_keepsSuffix() {
    assertThat(catalog.suggestConditionKey("kms:EncryptionContxt:AppName"))
        .contains("kms:EncryptionContext:AppName");
    assertThat(catalog.suggestConditionKey("aws:PrincipalTg/team"))
        .contains("aws:PrincipalTag/team");
    assertThat(catalog.suggestConditionKey("aws:PrincipalTag:team"))
        .contains("aws:PrincipalTag/team");
  }

  @Test
  void suggestConditionKey_nearMultiValuedKey_isFound() {
    assertThat(catalog.suggestConditionKey("kms:EncryptionContextKey"))
        .contains("kms:EncryptionContextKeys");
  }

  @Test
  void suggestConditionKey_knownPrefixWithBadSuffix_suggestsNothing() {
    assertThat(catalog.suggestConditionKey("kms:RecipientAttestation:PCR32")).isEmpty();
  }

  @Test
  void suggestConditionKey_nothingClose_isEmpty() {
    assertThat(catalog.suggestConditionKey("s3:prefix")).isEmpty();
    assertThat(catalog.suggestConditionKey("nonsense")).isEmpty();
  }
}
