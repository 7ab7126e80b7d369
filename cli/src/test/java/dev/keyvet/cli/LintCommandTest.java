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

  @Test
  void lint_directoryMixingPoliciesTemplatesAndTerraform() throws IOException {
    write("infra/keyvet.yaml", "rules:\n  KP306: off\n");
    write("infra/package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
    write("infra/ci.yml", "jobs:\n  build:\n    runs-on: ubuntu-latest\n");
    write("infra/bucket.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
    write("infra/vpc.tf", "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n");
    Path policy = write("infra/policies/app.json", BROKEN);
    Path cfn =
        write(
            "infra/stack.yaml",
            "Resources:\n"
                + "  Key:\n"
                + "    Type: AWS::KMS::Key\n"
                + "    Properties:\n"
                + "      EnableKeyRotation: false\n"
                + "      PendingWindowInDays: 7\n"
                + "      KeyPolicy:\n"
                + "        Version: '2012-10-17'\n"
                + "        Statement:\n"
                + "          - Sid: Root\n"
                + "            Effect: Allow\n"
                + "            Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n"
                + "            Action: kms:*\n"
                + "            Resource: '*'\n"
                + "  Alias:\n"
                + "    Type: AWS::KMS::Alias\n"
                + "    Properties: {AliasName: alias/aws/app, TargetKeyId: !Ref Key}\n");
    Path tf =
        write(
            "infra/kms.tf",
            "resource \"aws_kms_key\" \"a\" {\n"
                + "  deletion_window_in_days = 30\n"
                + "  policy = jsonencode({\n"
                + "    Version = \"2012-10-17\"\n"
                + "    Statement = [{ Sid = \"Root\", Effect = \"Allow\",\n"
                + "      Principal = { AWS = \"arn:aws:iam::111122223333:root\" },\n"
                + "      Action = \"kms:Decrypts\", Resource = \"*\" }]\n"
                + "  })\n"
                + "}\n"
                + "resource \"aws_kms_key\" \"b\" {\n"
                + "  enable_key_rotation = true\n"
                + "  deletion_window_in_days = 30\n"
                + "  policy = <<EOF\n"
                + "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Root\", \"Effect\": \"Allow\",\n"
                + " \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},\n"
                + " \"Action\": \"kms:*\", \"Resource\": \"*\"}]}\n"
                + "EOF\n"
                + "}\n");
    Path broken = write("infra/broken.tf", "resource \"aws_kms_key\" \"c\" {\n  policy = [\n");

    Run r = run("lint", dir.resolve("infra").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(policy + ":5:")
        .contains(
            cfn + ":5:26: warning KP302 symmetric key `Key` has automatic rotation turned off")
        .containsPattern(java.util.regex.Pattern.quote(cfn.toString()) + ":12:\\d+: warning KP015")
        .contains(cfn + ":17:29: error KP305 alias `alias/aws/app` of `Key`")
        .contains(tf + ":1:1: warning KP302 symmetric key `aws_kms_key.a` does not enable")
        .contains(tf + ":7:16: error KP102 unknown KMS action `kms:Decrypts`")
        .contains("(in `aws_kms_key.a`)")
        .contains(broken + ":3:1: error KP001 HCL syntax error")
        .doesNotContain("package.json")
        .doesNotContain("ci.yml")
        .doesNotContain("bucket.yaml")
        .doesNotContain("vpc.tf")
        .doesNotContain("keyvet.yaml")
        .containsPattern("4 files, ");
  }

  @Test
  void lint_templateWithSarif_pointsIntoTheTemplate() throws IOException {
    Path tf =
        write(
            "kms.tf",
            "resource \"aws_kms_alias\" \"a\" {\n"
                + "  name          = \"alias/aws/mine\"\n"
                + "  target_key_id = var.key\n"
                + "}\n");
    Run r = run("lint", "--format", "sarif", tf.toString());
    assertThat(r.exit()).isEqualTo(1);
    JsonNode sarif = JsonMapper.builder().build().readTree(r.out());
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.get("ruleId").asString()).isEqualTo("KP305");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
  }
}
