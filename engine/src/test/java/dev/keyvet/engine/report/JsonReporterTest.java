package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReporterTest {
  private static final List<String> MEMBERS =
      List.of(
          "code",
          "name",
          "severity",
          "message",
          "help",
          "statement",
          "line",
          "column",
          "endLine",
          "endColumn",
          "pointer",
          "evidence");

  private static JsonNode report(List<FileReport> files) {
    return JsonMapper.builder().build().readTree(new JsonReporter().render(files));
  }

  @Test
  void write_everyFinding_hasEveryMemberInDocumentedOrder() {
    JsonNode root = report(ReportFixtures.all());

    assertThat(root.get("version").asInt()).isEqualTo(1);
    for (JsonNode file : root.get("files")) {
      for (JsonNode finding : file.get("findings")) {
        assertThat(new ArrayList<>(finding.propertyNames())).isEqualTo(MEMBERS);
      }
    }
  }

  @Test
  void write_realSyntaxError_reportsKp001WithPositionAndHelp() {
    JsonNode f = report(List.of(ReportFixtures.broken())).at("/files/0/findings/0");

    assertThat(f.get("code").asString()).isEqualTo("KP001");
    assertThat(f.get("severity").asString()).isEqualTo("error");
    assertThat(f.get("line").asInt()).isEqualTo(3);
    assertThat(f.get("column").asInt()).isEqualTo(22);
    assertThat(f.get("help").asString()).contains("remove it");
    assertThat(f.get("statement").isNull()).isTrue();
    assertThat(f.get("evidence").isNull()).isTrue();
  }

  @Test
  void write_noFiles_givesAnEmptyReportWithZeroSummary() {
    assertThat(new JsonReporter().render(List.of()))
        .isEqualTo(
            "{\n  \"version\": 1,\n  \"files\": [],\n  \"summary\": {\n    \"files\": 0,\n"
                + "    \"findings\": 0,\n    \"errors\": 0,\n    \"security\": 0,\n"
                + "    \"warnings\": 0,\n    \"suggestions\": 0\n  }\n}\n");
  }
}
