package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifReporterTest {
  private static final SarifReporter SARIF = new SarifReporter("1.2.3");

  private static JsonNode tree(List<FileReport> files) {
    return JsonMapper.builder().build().readTree(SARIF.render(files));
  }

  @Test
  void write_findingsWithAndWithoutSpansOrEvidence_validatesAgainstTheSchema() {
    assertThat(SarifSchema.validate(SARIF.render(ReportFixtures.all()))).isEmpty();
    assertThat(SarifSchema.validate(SARIF.render(List.of(ReportFixtures.broken())))).isEmpty();
  }

  @Test
  void write_zeroFindings_validatesWithEmptyResults() {
    String clean = SARIF.render(List.of(ReportFixtures.clean()));

    assertThat(SarifSchema.validate(clean)).isEmpty();
    assertThat(SarifSchema.validate(SARIF.render(List.of()))).isEmpty();
    assertThat(tree(List.of()).at("/runs/0/results").isEmpty()).isTrue();
  }

  @Test
  void schema_rejectsBrokenLogs_soTheChecksAboveAreNotVacuous() {
    String log = SARIF.render(List.of(ReportFixtures.broken()));

    assertThat(SarifSchema.validate(log.replace("\"level\": \"error\"", "\"level\": \"fatal\"")))
        .isNotEmpty();
    assertThat(SarifSchema.validate(log.replace("\"startLine\": 3", "\"startLine\": 0")))
        .isNotEmpty();
    assertThat(SarifSchema.validate(log.replace("\"ruleIndex\"", "\"ruleNumber\""))).isNotEmpty();
  }

  @Test
  void driver_namesKeyvet_andDescribesEveryCatalogueRuleAndUsedCode() {
    JsonNode driver = tree(ReportFixtures.all()).at("/runs/0/tool/driver");

    assertThat(driver.get("name").asString()).isEqualTo("keyvet");
    assertThat(driver.get("version").asString()).isEqualTo("1.2.3");
    assertThat(driver.get("informationUri").asString()).isEqualTo("https://keyvet.dev");
    List<String> ids = new ArrayList<>();
    driver.get("rules").forEach(r -> ids.add(r.get("id").asString()));
    for (Rule rule : RuleCatalog.rules()) {
      assertThat(ids).contains(rule.metadata().id());
    }
    assertThat(ids).contains("KP201", "KP214", "KP306").isSorted().doesNotHaveDuplicates();
  }

  @Test
  void rules_carryHelpLevelsAndSecuritySeverity() {
    JsonNode rules = tree(ReportFixtures.all()).at("/runs/0/tool/driver/rules");
    JsonNode kp001 = rule(rules, "KP001");
    JsonNode kp201 = rule(rules, "KP201");

    assertThat(kp001.get("name").asString()).isEqualTo("json-syntax");
    assertThat(kp001.at("/shortDescription/text").asString()).isEqualTo("JSON syntax error");
    assertThat(kp001.get("helpUri").asString())
        .isEqualTo(RuleCatalog.rule(Code.KP001).orElseThrow().metadata().awsDoc());
    assertThat(kp001.at("/help/text").asString()).contains("MalformedPolicyDocumentException");
    assertThat(kp001.at("/defaultConfiguration/level").asString()).isEqualTo("error");
    assertThat(kp001.has("properties")).isFalse();
    assertThat(kp201.at("/defaultConfiguration/level").asString()).isEqualTo("error");
    assertThat(kp201.at("/properties/security-severity").asString()).isEqualTo("8.0");
    assertThat(kp201.at("/properties/tags/0").asString()).isEqualTo("security");
    assertThat(rule(rules, "KP214").at("/defaultConfiguration/level").asString())
        .isEqualTo("warning");
    assertThat(rule(rules, "KP306").at("/defaultConfiguration/level").asString()).isEqualTo("note");
  }

  @Test
  void results_pointAtTheirRuleAndRegion_withPointerAndFingerprint() {
    JsonNode run = tree(ReportFixtures.all()).at("/runs/0");
    JsonNode results = run.get("results");

    assertThat(results).hasSize(4);
    for (JsonNode r : results) {
      JsonNode rule = run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt());
      assertThat(rule.get("id").asString()).isEqualTo(r.get("ruleId").asString());
      assertThat(r.at("/partialFingerprints/keyvetFingerprint~1v1").asString()).hasSize(16);
    }
    JsonNode kp201 = results.get(2);
    assertThat(kp201.get("level").asString()).isEqualTo("error");
    assertThat(kp201.at("/message/text").asString())
        .isEqualTo("`*` can use the key from any account");
    JsonNode location = kp201.at("/locations/0");
    assertThat(location.at("/physicalLocation/artifactLocation/uri").asString())
        .isEqualTo("open.json");
    assertThat(location.at("/physicalLocation/region").toString())
        .isEqualTo("{\"startLine\":7,\"startColumn\":20,\"endLine\":7,\"endColumn\":23}");
    assertThat(location.at("/logicalLocations/0/fullyQualifiedName").asString())
        .isEqualTo("/Statement/0/Principal");
    assertThat(kp201.at("/properties").toString())
        .isEqualTo(
            "{\"statement\":\"OpenToAll\",\"evidence\":{\"principal\":\"*\","
                + "\"action\":\"kms:Decrypt\",\"statement\":\"OpenToAll\"}}");
    JsonNode noSpan = results.get(3);
    assertThat(noSpan.get("level").asString()).isEqualTo("note");
    assertThat(noSpan.at("/locations/0/physicalLocation").has("region")).isFalse();
    assertThat(noSpan.at("/locations/0").has("logicalLocations")).isFalse();
    assertThat(noSpan.has("properties")).isFalse();
    assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asString())
        .isEqualTo("policies/broken.json");
  }

  @Test
  void uris_keepRelativePaths_encodeWhatAUriCannotHold() {
    assertThat(Uris.of("policies/key.json")).isEqualTo("policies/key.json");
    assertThat(Uris.of("my keys\\kéy.json")).isEqualTo("my%20keys/k%C3%A9y.json");
    assertThat(Uris.of("a:b.json")).isEqualTo("a%3Ab.json");
    assertThat(Uris.of("/srv/key.json")).isEqualTo("file:///srv/key.json");
    assertThat(Uris.of("C:\\keys\\key.json")).isEqualTo("file:///C:/keys/key.json");
  }

  private static JsonNode rule(JsonNode rules, String id) {
    for (JsonNode r : rules) {
      if (r.get("id").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id);
  }
}
