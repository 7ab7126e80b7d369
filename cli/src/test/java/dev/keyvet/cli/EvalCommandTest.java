package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keyvet eval} end to end: files on disk, references, JSON lines, standard input, errors.
 */
class EvalCommandTest {
  @TempDir Path dir;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private record Run(int exit, List<JsonNode> lines, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    List<JsonNode> lines = out.toString().lines().map(MAPPER::readTree).toList();
    return new Run(exit, lines, err.toString());
  }

  @AfterEach
  void restoreStdin() {
    EvalCommand.stdin = System.in;
  }

  private void writePolicies() throws IOException {
    Files.writeString(
        dir.resolve("key.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"B decrypts via S3\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},"
            + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
            + "{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]}");
    Files.writeString(
        dir.resolve("b-app.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AppDecrypt\",\"Effect\":\"Allow\","
            + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}");
  }

  private static String caseLine(String id, String via) {
    return "{\"id\":\""
        + id
        + "\",\"keyPolicy\":\"key.json\",\"identityPolicies\":[\"b-app.json\"],\"request\":"
        + "{\"principal\":\"arn:aws:sts::444455556666:assumed-role/App/s1\",\"action\":\"kms:Decrypt\","
        + "\"resource\":\""
        + KEY
        + "\",\"context\":{\"kms:ViaService\":\""
        + via
        + "\"}}}";
  }

  @Test
  void eval_jsonLinesWithFileReferences_decidesEachCase() throws IOException {
    writePolicies();
    Path cases = dir.resolve("cases.jsonl");
    Files.writeString(
        cases,
        caseLine("via-s3", "s3.us-east-1.amazonaws.com")
            + "\n"
            + caseLine("via-ec2", "ec2.us-east-1.amazonaws.com")
            + "\n");
    Run r = run("eval", cases.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(2);
    JsonNode allow = r.lines().get(0);
    assertThat(allow.get("id").asString()).isEqualTo("via-s3");
    assertThat(allow.get("decision").asString()).isEqualTo("ALLOW");
    assertThat(allow.get("reasons").get(0).get("statement").asString())
        .isEqualTo("B decrypts via S3");
    assertThat(allow.get("reasons").get(1).get("statement").asString()).isEqualTo("AppDecrypt");
    JsonNode deny = r.lines().get(1);
    assertThat(deny.get("decision").asString()).isEqualTo("IMPLICIT_DENY");
    assertThat(deny.get("reasons").get(0).get("type").asString()).isEqualTo("missing");
    assertThat(deny.toString()).contains("ec2.us-east-1.amazonaws.com").contains("nearMiss");
  }

  @Test
  void eval_standardInput_acceptsOnePrettyPrintedCaseWrappedInInput() throws IOException {
    writePolicies();
    String inline = Files.readString(dir.resolve("key.json"));
    String pretty =
        "{\n  \"id\": \"wrapped\",\n  \"input\": {\n    \"keyPolicy\": "
            + inline
            + ",\n    \"request\": {\"principal\": \"111122223333\", \"action\": \"kms:PutKeyPolicy\","
            + " \"resource\": \""
            + KEY
            + "\"}\n  }\n}\n";
    EvalCommand.stdin = new ByteArrayInputStream(pretty.getBytes(StandardCharsets.UTF_8));
    Run r = run("eval", "-");
    assertThat(r.exit()).isZero();
    assertThat(r.lines())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.get("id").asString()).isEqualTo("wrapped");
              assertThat(n.get("decision").asString()).isEqualTo("ALLOW");
            });
  }

  @Test
  void eval_invalidCases_giveErrorLinesAndExitOne() throws IOException {
    writePolicies();
    Path cases = dir.resolve("bad.jsonl");
    Files.writeString(
        cases,
        "{\"id\":\"typo\",\"keyPolicy\":\"key.json\",\"identityPolicy\":[],\"request\":{\"principal\":\"111122223333\",\"action\":\"kms:Decrypt\",\"resource\":\""
            + KEY
            + "\"}}\n"
            + "{not json\n"
            + "{\"id\":\"bad-policy\",\"keyPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"kms:CallerAccount\":\"1\"}}}]},\"request\":{\"principal\":\"111122223333\",\"action\":\"kms:Decrypt\",\"resource\":\""
            + KEY
            + "\"}}\n"
            + "{\"id\":\"missing-file\",\"keyPolicy\":\"nope.json\",\"request\":{\"principal\":\"111122223333\",\"action\":\"kms:Decrypt\",\"resource\":\""
            + KEY
            + "\"}}\n");
    Run r = run("eval", cases.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.lines())
        .hasSize(4)
        .allSatisfy(n -> assertThat(n.get("decision").asString()).isEqualTo("ERROR"));
    assertThat(r.lines().get(0).get("problems").toString())
        .contains("identityPolicy")
        .contains("did you mean");
    assertThat(r.lines().get(1).get("id").asString()).isEqualTo("line 2");
    assertThat(r.lines().get(2).get("diagnostics").get(0).get("code").asString())
        .isEqualTo("KP114");
    assertThat(r.lines().get(3).get("problems").toString()).contains("nope.json");
  }

  @Test
  void eval_textFormat_explainsForPeople() throws IOException {
    writePolicies();
    Path cases = dir.resolve("one.jsonl");
    Files.writeString(cases, caseLine("via-ec2", "ec2.us-east-1.amazonaws.com") + "\n");
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new String[] {"eval", "--text", cases.toString()},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("via-ec2: IMPLICIT_DENY")
        .contains(
            "  missing: the key policy allows neither the caller nor its account 444455556666")
        .contains("  near miss: key policy `key.json` statement `B decrypts via S3` does not apply")
        .contains("key.json:1:");
  }

  @Test
  void eval_unreadableFile_exitsTwo() {
    Run r = run("eval", dir.resolve("absent.jsonl").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such file");
  }
}
