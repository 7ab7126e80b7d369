package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.OperatorBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema document itself: valid 2020-12, identified, described, and in line with the model. */
class SchemaDocumentTest {
  private static final String DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();
  private static final SchemaCheck CHECK = new SchemaCheck();

  /** Keywords whose value is one subschema, and those whose value maps names to subschemas. */
  private static final List<String> SUBSCHEMA = List.of("items", "if", "then", "else");

  private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "$defs");

  private static Schema metaSchema() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
    return registry.getSchema(SchemaLocation.of(DIALECT));
  }

  private static JsonNode schemaTree() {
    return JsonMapper.builder().build().readTree(SchemaCheck.schemaText());
  }

  @Test
  void schema_isValidAgainstTheDraft202012MetaSchema() {
    assertThat(metaSchema().validate(SchemaCheck.schemaText(), InputFormat.JSON)).isEmpty();
  }

  @Test
  void metaSchema_rejectsAMalformedSchema_soTheCheckAboveIsNotVacuous() {
    String broken = "{\"type\": 5, \"required\": \"Statement\"}";

    assertThat(metaSchema().validate(broken, InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void schema_declaresItsIdAndDialect() {
    JsonNode schema = schemaTree();

    assertThat(schema.get("$id").asString()).isEqualTo(SchemaCheck.SCHEMA_ID);
    assertThat(schema.get("$id").asString())
        .isEqualTo("https://keyvet.dev/schemas/kms-key-policy.schema.json");
    assertThat(schema.get("$schema").asString()).isEqualTo(DIALECT);
  }

  @Test
  void schema_titlesAndDescribesEveryElement() {
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(schemaTree(), "", undescribed);

    assertThat(undescribed).isEmpty();
  }

  /** Every subschema has a title and a description, unless it is nothing but a {@code $ref}. */
  private static void collectUndescribed(JsonNode node, String pointer, List<String> out) {
    boolean onlyRef = node.size() == 1 && node.has("$ref");
    if (!onlyRef && !(node.has("title") && node.has("description"))) {
      out.add(pointer.isEmpty() ? "(root)" : pointer);
    }
    for (String keyword : SUBSCHEMA) {
      if (node.path(keyword).isObject()) {
        collectUndescribed(node.get(keyword), pointer + "/" + keyword, out);
      }
    }
    for (String keyword : List.of("additionalProperties", "propertyNames")) {
      if (node.path(keyword).isObject()) {
        collectUndescribed(node.get(keyword), pointer + "/" + keyword, out);
      }
    }
    for (String keyword : SUBSCHEMA_MAPS) {
      for (Map.Entry<String, JsonNode> e : node.path(keyword).properties()) {
        collectUndescribed(e.getValue(), pointer + "/" + keyword + "/" + e.getKey(), out);
      }
    }
    for (Map.Entry<String, JsonNode> e : node.path("dependentSchemas").properties()) {
      collectUndescribed(e.getValue(), pointer + "/dependentSchemas/" + e.getKey(), out);
    }
  }

  @Test
  void operatorPattern_acceptsExactlyTheOperatorsTheModelKnows() {
    List<String> disagreements = new ArrayList<>();
    for (OperatorBase base : OperatorBase.values()) {
      for (String prefix : List.of("", "ForAllValues:", "ForAnyValue:")) {
        for (String suffix : List.of("", "IfExists")) {
          String name = prefix + base.jsonName() + suffix;
          boolean known = ConditionOperator.parse(name, SourceSpan.NONE).isKnown();
          if (known != check(name).isEmpty()) {
            disagreements.add(name);
          }
        }
      }
    }

    assertThat(disagreements).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "IfExists",
        "ForAllValues:",
        "StringEqualsIfExistsIfExists",
        "ForAllValues:ForAnyValue:StringEquals",
        "ForAnyValues:StringEquals",
        "stringEquals",
        " StringEquals",
        "StringEquals:"
      })
  void operatorPattern_rejectsMalformedNames(String name) {
    assertThat(check(name)).extracting(d -> d.code().id()).containsExactly("KP114");
  }

  private static List<Diagnostic> check(String operator) {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
         "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"%s": {"aws:PrincipalOrgID": "o-exampleorgid"}}}}
        """
            .formatted(operator);
    return CHECK.check("operator.json", policy);
  }
}
