package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubReporterTest {
  private static String github(FileReport... files) {
    return new GithubReporter().render(List.of(files));
  }

  @Test
  void write_realSyntaxError_isOneErrorCommandWithPositionTitleAndHelp() {
    assertThat(github(ReportFixtures.broken()))
        .isEqualTo(
            "::error file=policies/broken.json,line=3,col=22,endLine=3,endColumn=22,"
                + "title=KP001 json-syntax::trailing comma before `}`"
                + "%0Ahelp: JSON does not allow a comma after the last member or item; remove it\n");
  }

  @Test
  void write_severities_mapToErrorWarningAndNotice() {
    List<String> lines = github(ReportFixtures.open()).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("::warning file=open.json,line=4,col=5,endLine=10,");
    assertThat(lines.get(1))
        .startsWith("::error file=open.json,line=7,")
        .endsWith("%0Aevidence: * can kms:Decrypt (statement OpenToAll)");
    assertThat(lines.get(2))
        .isEqualTo("::notice file=open.json,title=KP306 missing-sid::statement has no `Sid`");
  }

  @Test
  void write_specialCharacters_areEscapedAsGithubRequires() {
    SourceSpan span = SourceSpan.at("a,b:c%.json", 2, 3, "");
    Finding f = Finding.of(Diagnostic.of(Code.KP001, span, "100% broken: a, b\r\nc"), "");
    LintResult r = new LintResult("a,b:c%.json", List.of(f));

    assertThat(github(FileReport.of(r, null)))
        .isEqualTo(
            "::error file=a%2Cb%3Ac%25.json,line=2,col=3,endLine=2,endColumn=3,"
                + "title=KP001 json-syntax::100%25 broken: a, b%0D%0Ac\n");
  }

  @Test
  void write_zeroFindings_writesNothing() {
    assertThat(github(ReportFixtures.clean())).isEmpty();
  }
}
