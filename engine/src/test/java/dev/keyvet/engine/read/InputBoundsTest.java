package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile or unusual input: sizes, nesting, encodings. */
class InputBoundsTest {
  private final PolicyReader reader = new PolicyReader();

  private static String policyWithStatements(int n) {
    StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"Sid\":\"S")
          .append(i)
          .append(
              "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},")
          .append("\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}");
    }
    return sb.append("]}").toString();
  }

  @Test
  void read_policyOver32KiB_reportsKp012AndStillReadsIt() {
    String text = policyWithStatements(300);
    assertThat(text.length()).isGreaterThan(PolicyReader.MAX_POLICY_BYTES);
    ReadResult r = reader.read("big.json", text.getBytes(StandardCharsets.UTF_8));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.KP012);
    assertThat(r.diagnostics().get(0).message()).contains(String.valueOf(text.length()));
    assertThat(r.policy().statements()).hasSize(300);
  }

  @Test
  void read_policyOfExactly32KiB_isAccepted() {
    String base = policyWithStatements(1);
    String padded =
        base.replace(
            "\"S0\"", "\"" + "x".repeat(PolicyReader.MAX_POLICY_BYTES - base.length() + 2) + "\"");
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(PolicyReader.MAX_POLICY_BYTES);
    assertThat(reader.read("edge.json", padded.getBytes(StandardCharsets.UTF_8)).diagnostics())
        .isEmpty();
  }

  @Test
  void read_documentBeyondReadLimit_isNotParsed() {
    ReadResult r =
        new PolicyReader(new ReadLimits(1000, 32, 1000, 1000)).read("x", policyWithStatements(20));
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.KP012);
  }

  @Test
  void read_deeplyNestedArrays_reportsShapeErrorWithoutStackOverflow() {
    String text = "[".repeat(10_000) + "]".repeat(10_000);
    ReadResult r = reader.read("deep.json", text);
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.KP003);
    assertThat(r.diagnostics().get(0).message()).contains("nesting deeper than 32 levels");
  }

  @Test
  void read_hugeString_isRejectedByLimits() {
    String text = "{\"Version\":\"" + "x".repeat(70_000) + "\",\"Statement\":[]}";
    ReadResult r = reader.read("s.json", text);
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains(Code.KP012);
  }

  @Test
  void read_invalidUtf8_reportsKp001AtTheByte() {
    byte[] bytes = "{\n  \"Sid\": \"a\u00e9b\"\n}".getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[bytes.length];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    int at = new String(bytes, StandardCharsets.UTF_8).indexOf('\u00e9') + 0;
    broken[at] = (byte) 0xC3;
    broken[at + 1] = (byte) 0x28;
    ReadResult r = reader.read("u.json", broken);
    assertThat(r.policy()).isNull();
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Code.KP001);
    assertThat(d.span().line()).isEqualTo(2);
    assertThat(d.span().column()).isEqualTo(12);
    assertThat(d.message()).contains("not valid UTF-8");
  }

  @Test
  void read_byteOrderMark_isAccepted() {
    byte[] body = policyWithStatements(1).getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertThat(reader.read("bom.json", withBom).diagnostics()).isEmpty();
  }

  @Test
  void read_latin1Characters_areAllowedButOthersAreNot() {
    String ok = policyWithStatements(1).replace("\"S0\"", "\"Caf\u00e9 \u00ff\"");
    assertThat(reader.read("ok.json", ok).diagnostics()).isEmpty();
    String bad = policyWithStatements(1).replace("\"S0\"", "\"\u0101 \uD83D\uDD11\"");
    assertThat(reader.read("bad.json", bad).diagnostics())
        .extracting(d -> d.code().id() + "@" + d.span().column())
        .containsExactly("KP013@46", "KP013@48");
  }

  @Test
  void read_manyIllegalCharacters_capsTheReports() {
    String bad = policyWithStatements(1).replace("\"S0\"", "\"" + "\u2603".repeat(50) + "\"");
    var codes = reader.read("bad.json", bad).diagnostics();
    assertThat(codes).hasSize(6);
    assertThat(codes.get(5).message()).startsWith("45 more characters");
  }

  @Test
  void read_duplicateAfterSixteenMembers_isStillReported() {
    StringBuilder sb =
        new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[],\"Condition\":{");
    for (int i = 0; i < 20; i++) {
      sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    sb.append(",\"k16\":2}}");
    assertThat(reader.read("dup.json", sb.toString()).diagnostics())
        .extracting(Diagnostic::code)
        .contains(Code.KP002);
  }
}
