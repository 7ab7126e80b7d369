package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole lint run: settings per file, exclusions, suppressions, baseline and what fails. */
class LintSessionTest {
  @TempDir Path dir;

  private static final String TYPO =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"Root\", \"Effect\": \"Allow\","
          + " \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"},\n"
          + "    {\"Sid\": \"Typo\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
          + " \"Action\": \"kms:Decrypts\", \"Resource\": \"*\"}\n  ]\n}\n";
  private static final String CLEAN = TYPO.replace("kms:Decrypts", "kms:Decrypt");
  private static final String PUBLIC =
      CLEAN.replace(
          "\"Sid\": \"Typo\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}",
          "\"Sid\": \"Public\", \"Effect\": \"Allow\", \"Principal\": \"*\"");

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private LintSession.Builder session() {
    return LintSession.builder().base(dir).naming(p -> dir.relativize(p).toString());
  }

  private static List<Code> codes(LintResult r) {
    return r.findings().stream().map(f -> f.diagnostic().code()).toList();
  }

  @Test
  void run_eachFileUsesTheNearestSettings_andExcludedFilesAreLeftOut() throws Exception {
    write("a/keyvet.yaml", "rules:\n  KP102: off\nexclude: ['old/**']\n");
    Path quiet = write("a/keys/typo.json", TYPO);
    Path loud = write("b/typo.json", TYPO);
    Path excluded = write("a/old/typo.json", TYPO);

    LintSession.Result r = session().build().run(List.of(quiet, loud, excluded));

    assertThat(r.files())
        .extracting(LintSession.FileOutcome::name)
        .containsExactly("a/keys/typo.json", "b/typo.json");
    assertThat(codes(r.files().get(0).reported())).doesNotContain(Code.KP102);
    assertThat(codes(r.files().get(1).reported())).contains(Code.KP102);
    assertThat(r.files().get(1).failing())
        .extracting(f -> f.diagnostic().code())
        .containsExactly(Code.KP102);
    assertThat(r.failing()).isTrue();
    assertThat(r.files().get(1).source()).isEqualTo(TYPO);
    assertThat(r.files().get(1).reported().findings().get(0).diagnostic().span().file())
        .isEqualTo("b/typo.json");
  }

  @Test
  void run_givenConfigFile_replacesTheNearest() throws Exception {
    write("keyvet.yaml", "rules:\n  KP102: off\n");
    Path other = write("conf/strict.yaml", "rules: {}\n");
    Path p = write("keys/typo.json", TYPO);

    assertThat(session().build().run(List.of(p)).failing()).isFalse();
    assertThat(session().configFile(other).build().run(List.of(p)).failing()).isTrue();
  }

  @Test
  void run_failOnOverridesTheSettings() throws Exception {
    write("keyvet.yaml", "failOn: [error]\n");
    Path p = write("keys/public.json", PUBLIC);

    LintSession.Result bySettings = session().build().run(List.of(p));
    assertThat(codes(bySettings.files().get(0).reported())).contains(Code.KP201);
    assertThat(bySettings.failing()).isFalse();

    assertThat(session().failOn(FailOn.parse("security")).build().run(List.of(p)).failing())
        .isTrue();
    assertThat(session().failOn(FailOn.parse("KP201")).build().run(List.of(p)).failing()).isTrue();
    assertThat(session().failOn(FailOn.parse("KP102")).build().run(List.of(p)).failing()).isFalse();
  }

  @Test
  void run_noSettingsAnywhere_failsOnErrorsAndSecurity() throws Exception {
    Path p = write("keys/public.json", PUBLIC);
    LintSession.Result r =
        session().configFile(write("empty/keyvet.yaml", "")).build().run(List.of(p));
    assertThat(r.files().get(0).failing())
        .extracting(f -> f.diagnostic().code())
        .contains(Code.KP201);
  }

  @Test
  void run_suppressionsHideFindings_andUnusedOnesAreReturned() throws Exception {
    write(
        "keyvet.yaml",
        "suppressions:\n"
            + "  - {file: 'keys/typo.json', statement: Typo, code: KP102, reason: 'kept'}\n"
            + "  - {file: 'keys/gone.json', code: KP201, reason: 'stale'}\n");
    Path p = write("keys/typo.json", TYPO);

    LintSession.Result r = session().build().run(List.of(p));

    assertThat(codes(r.files().get(0).reported())).doesNotContain(Code.KP102);
    assertThat(r.failing()).isFalse();
    assertThat(r.unusedSuppressions()).extracting(Suppression::reason).containsExactly("stale");
  }

  @Test
  void run_baselineHidesOldFindings_butTheyStayForANewBaseline() throws Exception {
    Path p = write("keys/typo.json", TYPO);
    byte[] baseline = Baseline.write(session().build().run(List.of(p)).unsuppressed());
    Files.writeString(p, "\n\n" + TYPO);

    LintSession.Result r = session().baseline(Baseline.read(baseline)).build().run(List.of(p));

    assertThat(r.files().get(0).reported().findings()).isEmpty();
    assertThat(r.failing()).isFalse();
    assertThat(codes(r.unsuppressed().get(0))).contains(Code.KP102);
  }

  @Test
  void run_badSettings_nameTheFileAndSetting() throws Exception {
    Path settings = write("keyvet.yaml", "trustedAccount: []\n");
    Path p = write("keys/clean.json", CLEAN);
    assertThatThrownBy(() -> session().build().run(List.of(p)))
        .isInstanceOf(LintSetupException.class)
        .hasMessageContaining(settings.toString())
        .hasMessageContaining("`trustedAccount`: unknown setting");
    Path missing = dir.resolve("none.yaml");
    assertThatThrownBy(() -> session().configFile(missing).build().run(List.of(p)))
        .hasMessage("cannot read settings '" + missing + "': no such file");
  }

  @Test
  void readBaseline_missingOrNotABaseline_namesTheFile() throws Exception {
    Path missing = dir.resolve("baseline.json");
    assertThatThrownBy(() -> LintSession.readBaseline(missing))
        .isInstanceOf(LintSetupException.class)
        .hasMessage("cannot read baseline '" + missing + "': no such file");
    Path bad = write("bad.json", "[]");
    assertThatThrownBy(() -> LintSession.readBaseline(bad))
        .hasMessage("'" + bad + "': the baseline is not a keyvet baseline (version 1)");
  }
}
