package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a lint run reads: directory searches, include and exclude patterns. */
class LintFilesTest {
  @TempDir Path dir;

  private static final String POLICY =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
          + " \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"kms:*\","
          + " \"Resource\": \"*\"}]}\n";

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static boolean matches(String pattern, String path) {
    Pattern p = LintFiles.antPattern(pattern);
    return p.matcher(path).matches();
  }

  @Test
  void antPattern_doubleStarSpansZeroOrMoreFolders() {
    assertThat(matches("**/*.json", "a.json")).isTrue();
    assertThat(matches("**/*.json", "x/y/a.json")).isTrue();
    assertThat(matches("**/*.json", "a.json.bak")).isFalse();
    assertThat(matches("*.json", "x/a.json")).isFalse();
    assertThat(matches("legacy/**", "legacy/a.json")).isTrue();
    assertThat(matches("legacy/**", "legacy/x/a.json")).isTrue();
    assertThat(matches("legacy/**", "legacyx/a.json")).isFalse();
    assertThat(matches("legacy/", "legacy/a.json")).isTrue();
    assertThat(matches("**/draft-?.json", "k/draft-1.json")).isTrue();
    assertThat(matches("**/draft-?.json", "k/draft-12.json")).isFalse();
    assertThat(matches("a+b/(x).json", "a+b/(x).json")).isTrue();
    assertThat(matches("**", "x/y/z.tf")).isTrue();
  }

  @Test
  void scan_defaultIncludes_keepPoliciesAndKeyDefinitions_skipOtherJsonAndYaml() throws Exception {
    Path policy = write("app/key-policy.json", POLICY);
    Path broken = write("app/broken.json", "{\"Statement\": [");
    Path tf = write("infra/kms.tf", "resource \"aws_kms_key\" \"k\" {\n}\n");
    write("infra/vpc.tf", "resource \"aws_vpc\" \"v\" {\n}\n");
    write("package.json", "{\"name\": \"x\"}\n");
    write("keyvet.yaml", "rules: {}\n");
    write("README.md", "# keys\n");

    List<Path> found = LintFiles.scan(dir, LintFiles.DEFAULT_INCLUDES, List.of());

    assertThat(found).containsExactly(broken, policy, tf);
  }

  @Test
  void scan_excludesWin_andOtherEndingsNamedByAPatternAreRead() throws Exception {
    Path kept = write("keys/a.json", POLICY);
    write("keys/legacy/b.json", POLICY);
    Path custom = write("keys/c.policy", POLICY);

    List<Path> found =
        LintFiles.scan(dir, List.of("**/*.json", "**/*.policy"), List.of("**/legacy/**"));

    assertThat(found).containsExactly(kept, custom);
  }

  @Test
  void expand_namedFilesAlwaysKept_directoriesSearched_missingPathsNamed() throws Exception {
    Path manifest = write("package.json", "{\"name\": \"x\"}\n");
    Path policy = write("keys/a.json", POLICY);
    write("keys/notes.txt", "not linted\n");

    assertThat(LintFiles.expand(List.of(manifest, dir.resolve("keys"))))
        .containsExactly(manifest, policy);
    assertThatThrownBy(() -> LintFiles.expand(List.of(dir.resolve("nope"))))
        .isInstanceOf(LintSetupException.class)
        .hasMessageContaining("nope': no such file or directory");
  }
}
