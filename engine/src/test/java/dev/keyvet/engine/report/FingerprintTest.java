package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.Linter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static Finding finding(int line, String pointer, String statement, String message) {
    SourceSpan span = new SourceSpan("p.json", line, 5, line, 9, pointer);
    return Finding.of(Diagnostic.of(Code.KP201, span, message), statement);
  }

  @Test
  void of_sameElementOnAnotherLine_isUnchanged() {
    String a = Fingerprint.of(finding(7, "/Statement/0/Principal", "Open", "`*` can use the key"));
    String b = Fingerprint.of(finding(31, "/Statement/0/Principal", "Open", "`*` can use the key"));

    assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
  }

  @Test
  void of_anotherSeverity_isUnchanged() {
    Finding base = finding(7, "/Statement/0/Principal", "Open", "`*` can use the key");
    Finding warning = Finding.of(base.diagnostic().withSeverity(Severity.WARNING), "Open");

    assertThat(Fingerprint.of(warning)).isEqualTo(Fingerprint.of(base));
  }

  @Test
  void of_otherElementStatementMessageOrCode_differs() {
    String pointer = "/Statement/0/Principal";
    Finding base = finding(7, pointer, "Open", "`*` can use the key");
    Finding otherCode =
        Finding.of(
            Diagnostic.of(Code.KP203, base.diagnostic().span(), "`*` can use the key"), "Open");

    assertThat(Fingerprint.of(base))
        .isNotEqualTo(
            Fingerprint.of(finding(7, "/Statement/1/Principal", "Open", "`*` can use the key")))
        .isNotEqualTo(Fingerprint.of(finding(7, pointer, "Other", "`*` can use the key")))
        .isNotEqualTo(Fingerprint.of(finding(7, pointer, "Open", "`*` can sign")))
        .isNotEqualTo(Fingerprint.of(otherCode));
  }

  @Test
  void normalize_collapsesSpaceAndCase_andBlanksPositions() {
    assertThat(Fingerprint.normalize("  Duplicate `Sid`,\n also at line 12 column 3 "))
        .isEqualTo("duplicate `sid`, also at line # column #");
  }

  @Test
  void of_realFinding_survivesReformattingThePolicy() {
    String compact = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",}]}";
    String spread =
        "\n\n{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
            + "    {\n      \"Effect\": \"Allow\",\n    }\n  ]\n}\n";

    assertThat(Fingerprint.of(lintOne(compact))).isEqualTo(Fingerprint.of(lintOne(spread)));
  }

  private static Finding lintOne(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Linter.standard().lint("p.json", bytes, LintConfig.DEFAULT).findings().get(0);
  }
}
