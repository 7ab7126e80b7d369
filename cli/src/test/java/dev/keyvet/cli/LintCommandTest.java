package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code keyvet lint} end to end on real files: settings, suppressions, baselines, formats. */
class LintCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  private static final String BROKEN =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"Root\", \"Effect\": \"Allow\","
          + " \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"},\n"
          + "    {\"Sid\": \"Typo\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
          + " \"Action\": \"kms:Decrypts\", \"Resource\": \"*\"}\n  ]\n}\n";
  private static final String CLEAN = BROKEN.replace("kms:Decrypts", "kms:Decrypt");

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void lint_unknownAction_failsWithTextReport() throws IOException {
    Path p = write("keys/a.json", BROKEN);
    Run r = run("lint", p.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(p + ":5:")
        .contains("error KP102 unknown KMS action `kms:Decrypts`; did you mean `kms:Decrypt`?")
        .contains("^")
        .containsPattern("1 file, 1 error");
  }

  @Test
  void lint_cleanPolicy_exitsZero() throws IOException {
    Run r = run("lint", write("keys/clean.json", CLEAN).toString());
    assertThat(r.exit()).isZero();
  }

  @Test
  void lint_settingsFoundUpward_disableTheRule() throws IOException {
    write("keyvet.yaml", "rules:\n  KP102: off\n");
    Run r = run("lint", write("keys/a.json", BROKEN).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain("KP102");
  }

  @Test
  void lint_suppressionWithReason_hidesTheFinding_andUnusedOnesAreReported() throws IOException {
    write(
        "keyvet.yaml",
        "suppressions:\n"
            + "  - {file: 'keys/a.json', statement: Typo, code: KP102, reason: 'typo kept on purpose'}\n"
            + "  - {file: 'keys/b.json', code: KP201, reason: 'no longer needed'}\n");
    Run r = run("lint", write("keys/a.json", BROKEN).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain("KP102");
    assertThat(r.err()).contains("unused suppression: KP201 in keys/b.json (no longer needed)");
  }

  @Test
  void lint_badSettings_exitTwoNamingTheSetting() throws IOException {
    write("keyvet.yaml", "trustedAccount: []\n");
    Run r = run("lint", write("keys/a.json", CLEAN).toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("`trustedAccount`");
  }

  @Test
  void lint_baseline_reportsOnlyNewFindings() throws IOException {
    Path p = write("keys/a.json", BROKEN);
    Path baseline = dir.resolve("baseline.json");
    Run w = run("lint", "--write-baseline", baseline.toString(), p.toString());
    assertThat(w.exit()).isZero();
    assertThat(baseline).exists();
    Files.writeString(p, "\n\n" + BROKEN);
    Run again = run("lint", "--baseline", baseline.toString(), p.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).doesNotContain("KP102");
    Files.writeString(
        p, BROKEN.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"Conditions\": {}"));
    Run fresh = run("lint", "--baseline", baseline.toString(), p.toString());
    assertThat(fresh.exit()).isEqualTo(1);
    assertThat(fresh.out()).contains("KP004").doesNotContain("KP102");
  }

  @Test
  void lint_sarifToFile_isValidJsonWithTheFinding() throws IOException {
    Path p = write("keys/a.json", BROKEN);
    Path out = dir.resolve("reports/keyvet.sarif");
    Run r = run("lint", "--format", "sarif", "--output", out.toString(), p.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    JsonNode sarif = JsonMapper.builder().build().readTree(Files.readString(out));
    assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
    List<String> rules = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(result -> rules.add(result.get("ruleId").asString()));
    assertThat(rules).contains("KP102");
  }

  @Test
  void lint_failOnCodes_andUnknownFormat() throws IOException {
    Path p = write("keys/a.json", CLEAN.replace("\"Sid\": \"Root\", ", ""));
    assertThat(run("lint", "--fail-on", "KP306", p.toString()).exit())
        .isEqualTo(run("lint", p.toString()).out().contains("KP306") ? 1 : 0);
    Run bad = run("lint", "--format", "xml", p.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown report format `xml`");
    assertThat(run("lint", "--fail-on", "sometimes", p.toString()).exit()).isEqualTo(2);
  }
}
