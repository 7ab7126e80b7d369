package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {
  private static final String RED = "\u001b[31m";
  private static final String RESET = "\u001b[0m";

  private static String text(boolean terminal, FileReport... files) {
    return new TextReporter(terminal).render(List.of(files));
  }

  @Test
  void write_terminal_coloursSeverityCodeAndCarets() {
    String out = text(true, ReportFixtures.broken());

    assertThat(out)
        .startsWith(
            "policies/broken.json:3:22: "
                + RED
                + "error"
                + RESET
                + " \u001b[1mKP001"
                + RESET
                + " trailing comma before `}`\n"
                + "  3 |   {\"Effect\": \"Allow\",}\n"
                + "    |                      "
                + RED
                + "^"
                + RESET
                + "\n");
    assertThat(text(true, ReportFixtures.open()))
        .contains("\u001b[33mwarning" + RESET, RED + "security" + RESET)
        .contains("\u001b[36msuggestion" + RESET);
  }

  @Test
  void write_notTerminal_hasNoEscapeSequences() {
    assertThat(text(false, ReportFixtures.all().toArray(FileReport[]::new)))
        .doesNotContain("\u001b");
  }

  @Test
  void write_noSource_omitsTheExcerptOnly() {
    FileReport withoutSource = new FileReport("open.json", null, ReportFixtures.open().result());

    assertThat(text(false, withoutSource))
        .startsWith(
            "open.json:4:5: warning KP214 `kms:*` allowed to identities\n\n"
                + "open.json:7:20: security KP201 `*` can use the key from any account\n"
                + "  help: name the accounts");
  }

  @Test
  void write_zeroFindings_printsTheSummaryAlone() {
    assertThat(text(false, ReportFixtures.clean()))
        .isEqualTo("1 file, 0 errors, 0 security, 0 warnings, 0 suggestions\n");
    assertThat(text(false)).isEqualTo("0 files, 0 errors, 0 security, 0 warnings, 0 suggestions\n");
  }

  @Test
  void write_findingWithoutHelp_omitsTheHelpLine() {
    SourceSpan span = SourceSpan.at("p.json", 1, 2, "/Version");
    Finding f = Finding.of(Diagnostic.of(Code.KP006, span, "bad `Version`"), "");
    FileReport file =
        new FileReport("p.json", "{\"Version\": 1}", new LintResult("p.json", List.of(f)));

    assertThat(text(false, file))
        .isEqualTo(
            "p.json:1:2: error KP006 bad `Version`\n"
                + "  1 | {\"Version\": 1}\n"
                + "    |  ^\n\n"
                + "1 file, 1 error, 0 security, 0 warnings, 0 suggestions\n");
  }

  @Test
  void excerpt_tabsAndCarriageReturns_keepCaretsUnderTheSpan() {
    String source = "{\r\n\t\t\"Sid\": 1\r\n}";
    SourceSpan span = new SourceSpan("p.json", 2, 10, 2, 10, "/Sid");

    Excerpt e = Excerpt.of(source, LineMap.of(source), span);

    assertThat(e).isEqualTo(new Excerpt("\t\t\"Sid\": 1", "\t\t       ", "^"));
  }

  @Test
  void excerpt_spanBeyondTheLine_isClampedToIt() {
    String source = "{\n  \"A\": 1,\n}";
    LineMap lines = LineMap.of(source);

    Excerpt toNextLine = Excerpt.of(source, lines, new SourceSpan("p", 2, 3, 3, 1, ""));
    Excerpt pastEnd = Excerpt.of(source, lines, new SourceSpan("p", 3, 2, 3, 2, ""));

    assertThat(toNextLine.carets()).isEqualTo("^".repeat(7));
    assertThat(pastEnd).isEqualTo(new Excerpt("}", " ", "^"));
    assertThat(Excerpt.of(source, lines, new SourceSpan("p", 9, 1, 9, 1, ""))).isNull();
    assertThat(Excerpt.of(source, lines, SourceSpan.NONE)).isNull();
  }
}
