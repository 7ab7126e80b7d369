package dev.keyvet.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {
  private static final String KEYS =
      "\"conditionKeys\": [{\"name\": \"kms:CallerAccount\", \"type\": \"String\","
          + " \"source\": \"principal\"}]";

  private static String catalogue(String action) {
    return "{\"about\": {}, \"commonKeyResourceKeys\": [\"kms:CallerAccount\"],"
        + " \"actions\": ["
        + action
        + "], "
        + KEYS
        + "}";
  }

  private static final String DECRYPT =
      "{\"name\": \"Decrypt\", \"resource\": \"key\", \"crossAccount\": true,"
          + " \"grantable\": true, \"conditionKeys\": []}";

  private static KmsCatalog parse(String json) {
    return CatalogLoader.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void parse_minimalCatalogue_isUsable() {
    KmsCatalog c = parse(catalogue(DECRYPT));
    assertThat(c.action("kms:decrypt")).isPresent();
    assertThat(c.grantOperations()).containsExactly("Decrypt");
  }

  @Test
  void load_missingResource_failsNamingIt() {
    assertThatThrownBy(() -> CatalogLoader.load(KmsCatalog.class, "no-such-catalog.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev/keyvet/engine/catalog/no-such-catalog.json");
  }

  @Test
  void parse_malformedJson_failsNamingTheResource() {
    assertThatThrownBy(() -> parse("{\"actions\": ["))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test.json");
  }

  @Test
  void parse_trailingContent_fails() {
    assertThatThrownBy(() -> parse(catalogue(DECRYPT) + " {}"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parse_duplicateMember_fails() {
    String twice =
        DECRYPT.replace("\"grantable\": true", "\"grantable\": true, \"grantable\": false");
    assertThatThrownBy(() -> parse(catalogue(twice)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("grantable");
  }

  @Test
  void parse_unknownMember_failsNamingIt() {
    String typo = DECRYPT.replace("\"crossAccount\"", "\"crossAcount\"");
    assertThatThrownBy(() -> parse(catalogue(typo)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("actions[0]: unknown member `crossAcount`");
  }

  @Test
  void parse_wrongJsonType_failsNamingTheField() {
    String stringFlag = DECRYPT.replace("\"crossAccount\": true", "\"crossAccount\": \"yes\"");
    assertThatThrownBy(() -> parse(catalogue(stringFlag)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("actions[0].crossAccount");
  }

  @Test
  void parse_unknownKeyReference_fails() {
    String dangling = DECRYPT.replace("[]", "[\"kms:NoSuchKey\"]");
    assertThatThrownBy(() -> parse(catalogue(dangling)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("`kms:NoSuchKey`");
  }

  @Test
  void parse_keyReferenceInWrongCase_fails() {
    String wrongCase = DECRYPT.replace("[]", "[\"kms:calleraccount\"]");
    assertThatThrownBy(() -> parse(catalogue(wrongCase)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("as `kms:CallerAccount`");
  }

  @Test
  void parse_unknownResourceKind_fails() {
    String bad = DECRYPT.replace("\"key\"", "\"bucket\"");
    assertThatThrownBy(() -> parse(catalogue(bad)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown resource kind `bucket`");
  }

  @Test
  void parse_duplicateAction_fails() {
    assertThatThrownBy(
            () -> parse(catalogue(DECRYPT + "," + DECRYPT.replace("Decrypt", "DECRYPT"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duplicate action");
  }

  @Test
  void parse_multiValuedMismatch_fails() {
    String json = catalogue(DECRYPT).replace("\"type\": \"String\"", "\"type\": \"ArrayOfString\"");
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("multiValued");
  }
}
