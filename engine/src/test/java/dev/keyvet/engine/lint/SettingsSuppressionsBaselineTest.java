package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyvet.yaml settings, suppressions with reasons, baselines and their fingerprints. */
class SettingsSuppressionsBaselineTest {
  @TempDir Path dir;

  private static final String YAML =
      String.join(
          "\n",
          "keyAccount: '111122223333'",
          "trustedAccounts: ['444455556666']",
          "trustedOrgIds: [o-exampleorgid]",
          "keyAdmins: ['arn:aws:iam::111122223333:role/KeyAdmin']",
          "rules:",
          "  KP306: off",
          "  verb-wildcard-drift: suggestion",
          "exclude: ['generated/**']",
          "failOn: [warning, KP306]",
          "suppressions:",
          "  - file: 'keys/ebs.json'",
          "    statement: 'Allow EBS'",
          "    code: KP210",
          "    reason: AWS managed key; nobody manages its policy",
          "");

  private LintSettings settings(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return LintSettingsReader.read(f, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_yaml_givesEverySetting() throws IOException {
    LintSettings s = settings("keyvet.yaml", YAML);
    assertThat(s.config().keyAccount()).isEqualTo("111122223333");
    assertThat(s.config().trustedAccounts()).containsExactly("444455556666");
    assertThat(s.config().trustedOrgIds()).containsExactly("o-exampleorgid");
    assertThat(s.config().keyAdmins()).containsExactly("arn:aws:iam::111122223333:role/KeyAdmin");
    assertThat(s.config().enabled(Code.KP306)).isFalse();
    assertThat(s.config().severity(Code.KP215)).isEqualTo(Severity.SUGGESTION);
    assertThat(s.failOnSeverity()).isEqualTo(Severity.WARNING);
    assertThat(s.failOnCodes()).containsExactly(Code.KP306);
    assertThat(s.suppressions())
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).startsWith("AWS managed"));
    assertThat(s.excluded(dir.resolve("generated/a/b.json"))).isTrue();
    assertThat(s.excluded(dir.resolve("keys/b.json"))).isFalse();
  }

  @Test
  void read_json_isAcceptedToo() throws IOException {
    LintSettings s =
        settings("keyvet.json", "{\"trustedAccounts\": [\"444455556666\"], \"failOn\": \"error\"}");
    assertThat(s.config().trustedAccounts()).containsExactly("444455556666");
    assertThat(s.failOnSeverity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void read_badSettings_failNamingTheSetting() {
    assertThatThrownBy(() -> settings("keyvet.yaml", "trustedAcounts: []"))
        .hasMessageContaining("`trustedAcounts`")
        .hasMessageContaining("did you mean `trustedAccounts`");
    assertThatThrownBy(() -> settings("keyvet.yaml", "keyAccount: '1234'"))
        .hasMessageContaining("12-digit");
    assertThatThrownBy(() -> settings("keyvet.yaml", "rules: {KP999: off}"))
        .hasMessageContaining("unknown rule");
    assertThatThrownBy(() -> settings("keyvet.yaml", "suppressions: [{code: KP210}]"))
        .hasMessageContaining("needs a `reason`");
    assertThatThrownBy(() -> settings("keyvet.yaml", "failOn: [sometimes]"))
        .hasMessageContaining("neither a severity");
    assertThatThrownBy(() -> settings("keyvet.yaml", "a: ["))
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void find_walksUpFromTheFile() throws IOException {
    Files.writeString(dir.resolve("keyvet.yaml"), "{}");
    Path nested = Files.createDirectories(dir.resolve("a/b"));
    assertThat(LintSettingsReader.find(nested.resolve("p.json")))
        .contains(dir.resolve("keyvet.yaml"));
  }

  private static Finding finding(
      String code, String statement, int line, String pointer, String message) {
    Diagnostic d =
        Diagnostic.of(
            Code.find(code).orElseThrow(),
            new SourceSpan("p.json", line, 3, line, 9, pointer),
            message);
    return Finding.of(d, statement);
  }

  @Test
  void suppressions_matchFileStatementAndCode_andReportUnusedOnes() {
    Suppression ebs = new Suppression("keys/*.json", "Allow EBS", "KP210", "managed");
    Suppression stale = new Suppression("**", "", "KP201", "old");
    Suppressions s = new Suppressions(List.of(ebs, stale));
    List<Finding> kept =
        s.apply(
            Path.of("keys/ebs.json"),
            List.of(
                finding("KP210", "Allow EBS", 3, "/Statement/0", "x"),
                finding("KP210", "Other", 9, "/Statement/1", "x")));
    assertThat(kept).extracting(Finding::statement).containsExactly("Other");
    assertThat(s.unused()).containsExactly(stale);
  }

  @Test
  void fingerprint_survivesLineShiftsAndStatementMoves_butNotOtherFindings() {
    String a =
        Fingerprint.of(
            finding("KP207", "Admins", 10, "/Statement/1/Action/0", "`role/A` may create grants"));
    String shifted =
        Fingerprint.of(
            finding("KP207", "Admins", 42, "/Statement/3/Action/0", "`role/A` may create grants"));
    String other =
        Fingerprint.of(
            finding("KP207", "Users", 10, "/Statement/1/Action/0", "`role/A` may create grants"));
    assertThat(a).hasSize(16).isEqualTo(shifted).isNotEqualTo(other);
  }

  @Test
  void baseline_roundTrip_reportsOnlyNewFindings() {
    Finding old =
        finding("KP215", "Admins", 5, "/Statement/1/Action/2", "verb wildcard `kms:Create*`");
    byte[] written = Baseline.write(List.of(new LintResult("keys/a.json", List.of(old))));
    Baseline b = Baseline.read(written);
    Finding moved =
        finding("KP215", "Admins", 50, "/Statement/4/Action/2", "verb wildcard `kms:Create*`");
    Finding fresh = finding("KP207", "Admins", 50, "/Statement/4/Action/2", "new");
    assertThat(b.newFindings("keys/a.json", List.of(moved, fresh))).containsExactly(fresh);
    assertThat(b.newFindings("keys/other.json", List.of(moved))).containsExactly(moved);
    assertThatThrownBy(() -> Baseline.read("{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a keyvet baseline");
  }
}
