package dev.keyvet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code keyvet:lint} on real files, with the parameters Maven would inject. */
class LintMojoTest {
  @TempDir Path project;

  private final List<String> log = new ArrayList<>();
  private LintMojo mojo;

  private static final String ROOT =
      "    {\"Sid\": \"Root\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
          + " \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}";
  private static final String CLEAN =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + ROOT + "\n  ]\n}\n";
  private static final String PUBLIC =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
          + ROOT
          + ",\n    {\"Sid\": \"Everyone\", \"Effect\": \"Allow\", \"Principal\": \"*\","
          + " \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}\n  ]\n}\n";
  private static final String NO_VERSION = CLEAN.replace("  \"Version\": \"2012-10-17\",\n", "");

  @BeforeEach
  void setUp() {
    mojo = new LintMojo();
    mojo.basedir = project.toFile();
    mojo.directory = project.resolve("src/main/kms").toFile();
    mojo.outputDirectory = project.resolve("target/keyvet").toFile();
    mojo.setLog(new Recording());
  }

  private Path write(String name, String content) throws IOException {
    Path p = project.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private List<String> logged(String level) {
    return log.stream()
        .filter(l -> l.startsWith(level + " "))
        .map(l -> l.substring(level.length() + 1))
        .toList();
  }

  @Test
  void dangerousPolicy_failsNamingCodeAndFile_andLogsWhereIdesLink() throws Exception {
    Path policy = write("src/main/kms/public.json", PUBLIC);

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("keyvet: 1 failing finding: KP201 in src/main/kms/public.json:5:57");

    assertThat(logged("error"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(policy + ":5:57: security KP201 `*` is allowed `kms:Decrypt`")
                    .contains(System.lineSeparator() + "  help: "))
        .contains("keyvet: 1 file, 0 errors, 1 security, 0 warnings, 0 suggestions");
  }

  @Test
  void cleanPolicies_pass_warningsLoggedAsWarnings() throws Exception {
    write("src/main/kms/a/clean.json", CLEAN);
    Path old = write("src/main/kms/b/old.json", NO_VERSION);

    mojo.execute();

    assertThat(logged("warn")).singleElement().asString().startsWith(old + ":1:1: warning KP005");
    assertThat(logged("error")).isEmpty();
    assertThat(logged("info"))
        .contains("keyvet: 2 files, 0 errors, 0 security, 1 warning, 0 suggestions");
  }

  @Test
  void failOn_overridesTheDefault_bySeverityOrCode() throws Exception {
    write("src/main/kms/public.json", PUBLIC);
    write("src/main/kms/old.json", NO_VERSION);

    mojo.failOn = "error";
    mojo.execute();
    assertThat(logged("warn")).anySatisfy(l -> assertThat(l).contains("security KP201"));

    mojo.failOn = "KP005";
    assertThatThrownBy(mojo::execute)
        .hasMessage("keyvet: 1 failing finding: KP005 in src/main/kms/old.json:1:1");

    mojo.failOn = "sometimes";
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "keyvet: failOn: `sometimes` is neither a severity (error, security, warning,"
                + " suggestion) nor a code");
  }

  @Test
  void settings_nearestKeyvetYaml_orConfigFile_badOnesAreSetupErrors() throws Exception {
    write("keyvet.yaml", "rules:\n  KP201: off\n");
    write("src/main/kms/public.json", PUBLIC);
    mojo.execute();

    Path strict = write("ci/strict.yaml", "rules: {}\n");
    mojo.configFile = strict.toFile();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    Path broken = write("ci/broken.yaml", "trustedAccount: []\n");
    mojo.configFile = broken.toFile();
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "keyvet: "
                + broken
                + ": `trustedAccount`: unknown setting; did you mean `trustedAccounts`?");

    mojo.configFile = project.resolve("ci/none.yaml").toFile();
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "keyvet: cannot read settings '" + project.resolve("ci/none.yaml") + "': no such file");
  }

  @Test
  void baseline_acceptsOldFindings_unreadableOneIsASetupError() throws Exception {
    write("src/main/kms/public.json", PUBLIC);
    Path baseline =
        write(
            "keyvet-baseline.json",
            new String(
                dev.keyvet.engine.lint.Baseline.write(
                    dev.keyvet.engine.lint.LintSession.builder()
                        .base(project)
                        .naming(p -> project.relativize(p.toAbsolutePath()).toString())
                        .build()
                        .run(List.of(project.resolve("src/main/kms/public.json")))
                        .unsuppressed()),
                java.nio.charset.StandardCharsets.UTF_8));
    mojo.baseline = baseline.toFile();
    mojo.execute();
    assertThat(logged("info"))
        .contains("keyvet: 1 file, 0 errors, 0 security, 0 warnings, 0 suggestions");

    Files.writeString(baseline, "{}");
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "keyvet: '" + baseline + "': the baseline is not a keyvet baseline (version 1)");
  }

  @Test
  void formats_writeReportsNamingFilesRelativeToTheProject() throws Exception {
    write("src/main/kms/public.json", PUBLIC);
    mojo.formats = List.of("sarif", "junit,text", "json");

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    Path out = project.resolve("target/keyvet");
    JsonNode sarif =
        JsonMapper.builder().build().readTree(Files.readString(out.resolve("keyvet.sarif")));
    assertThat(sarif.at("/runs/0/results/0/ruleId").asString()).isEqualTo("KP201");
    assertThat(
            sarif
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asString())
        .isEqualTo("src/main/kms/public.json");
    assertThat(Files.readString(out.resolve("TEST-keyvet.xml")))
        .contains("<failure type=\"KP201\"");
    assertThat(Files.readString(out.resolve("keyvet.txt")))
        .contains("src/main/kms/public.json:5:57: security KP201");
    assertThat(Files.readString(out.resolve("keyvet.json"))).contains("KP201");

    mojo.formats = List.of("html");
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage(
            "keyvet: formats: unknown report format `html`; valid formats: text, json, sarif, junit");
  }

  @Test
  void includesAndExcludes_selectFiles() throws Exception {
    write("src/main/kms/public.json", PUBLIC);
    write("src/main/kms/legacy/old.json", NO_VERSION);
    write("src/main/kms/keys.policy", CLEAN);

    mojo.includes = List.of("**/*.policy", "legacy/");
    mojo.execute();
    assertThat(logged("info"))
        .contains("keyvet: 2 files, 0 errors, 0 security, 1 warning, 0 suggestions");

    log.clear();
    mojo.includes = null;
    mojo.excludes = List.of("public.json");
    mojo.execute();
    assertThat(logged("info"))
        .contains("keyvet: 1 file, 0 errors, 0 security, 1 warning, 0 suggestions");
  }

  @Test
  void missingDirectory_isNothingToLint_andSkipReadsNothing() throws Exception {
    mojo.execute();
    assertThat(logged("info"))
        .containsExactly(
            "keyvet: nothing to lint, " + project.resolve("src/main/kms") + " does not exist");

    write("src/main/kms/public.json", PUBLIC);
    mojo.configFile = write("broken.yaml", "nonsense: true\n").toFile();
    mojo.skip = true;
    log.clear();
    mojo.execute();
    assertThat(log).containsExactly("info keyvet: lint skipped");
  }

  @Test
  void unusedSuppression_isAWarning() throws Exception {
    write(
        "keyvet.yaml",
        "suppressions:\n  - {file: 'src/main/kms/gone.json', code: KP201, reason: 'removed key'}\n");
    write("src/main/kms/clean.json", CLEAN);
    mojo.execute();
    assertThat(logged("warn"))
        .containsExactly(
            "keyvet: unused suppression: KP201 in src/main/kms/gone.json (removed key)");
  }

  /** A Maven log that records each line with its level. */
  private final class Recording implements Log {
    private void add(String level, CharSequence content) {
      log.add(level + " " + content);
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public void debug(CharSequence content) {}

    @Override
    public void debug(CharSequence content, Throwable error) {}

    @Override
    public void debug(Throwable error) {}

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public void info(CharSequence content) {
      add("info", content);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
      add("info", content);
    }

    @Override
    public void info(Throwable error) {
      add("info", String.valueOf(error));
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public void warn(CharSequence content) {
      add("warn", content);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
      add("warn", content);
    }

    @Override
    public void warn(Throwable error) {
      add("warn", String.valueOf(error));
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public void error(CharSequence content) {
      add("error", content);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
      add("error", content);
    }

    @Override
    public void error(Throwable error) {
      add("error", String.valueOf(error));
    }
  }
}
