package dev.keyvet.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Trees read with the streaming parser are the trees an ObjectMapper reads. */
class TreesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void json_sameTreeAsTheMapper() {
    String doc =
        "{\"a\": [1, 2.5, 12345678901234, 123456789012345678901234567890, true, false, null],"
            + " \"b\": {\"c\": \"d\", \"c\": \"e\"}, \"f\": -3}";
    assertThat(Trees.json(bytes(doc))).isEqualTo(JsonMapper.builder().build().readTree(doc));
    assertThat(Trees.json(bytes(doc)).at("/b/c").asString()).isEqualTo("e");
  }

  @Test
  void yaml_sameTreeAsTheMapper() {
    String doc =
        "keyAccount: 111122223333\nrules:\n  KP306: off\n  KP215: false\nlist: [a, 'b', 3]\n"
            + "nested:\n  - {x: 1.5}\n  - ~\n";
    JsonNode tree = Trees.yaml(bytes(doc));
    assertThat(tree).isEqualTo(YAMLMapper.builder().build().readTree(doc));
    assertThat(tree.get("keyAccount").asString()).isEqualTo("111122223333");
  }

  @Test
  void emptyDocument_isMissing() {
    assertThat(Trees.yaml(bytes("")).isMissingNode()).isTrue();
    assertThat(Trees.json(bytes("  ")).isMissingNode()).isTrue();
  }

  @Test
  void strictJson_rejectsDuplicatesAndTrailingContent_plainJsonDoesNot() {
    assertThatThrownBy(() -> Trees.strictJson(bytes("{\"a\": {\"b\": 1, \"b\": 2}}")))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Duplicate");
    assertThatThrownBy(() -> Trees.strictJson(bytes("{} []")))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("trailing content");
    assertThat(Trees.json(bytes("{} []")).isObject()).isTrue();
  }
}
