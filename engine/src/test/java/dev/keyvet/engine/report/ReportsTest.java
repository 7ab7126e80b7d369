package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.Severity;
import org.junit.jupiter.api.Test;

class ReportsTest {
  @Test
  void forFormat_eachName_givesItsReporter() {
    assertThat(Reports.FORMATS).containsExactly("text", "json", "sarif", "junit", "github");
    assertThat(Reports.forFormat("text")).isInstanceOf(TextReporter.class);
    assertThat(Reports.forFormat("json")).isInstanceOf(JsonReporter.class);
    assertThat(Reports.forFormat("sarif")).isInstanceOf(SarifReporter.class);
    assertThat(Reports.forFormat("junit")).isInstanceOf(JunitReporter.class);
    assertThat(Reports.forFormat("github")).isInstanceOf(GithubReporter.class);
    assertThat(Reports.forFormat(" Text ")).isInstanceOf(TextReporter.class);
  }

  @Test
  void forFormat_unknownName_failsListingTheValidOnes() {
    assertThatThrownBy(() -> Reports.forFormat("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown report format `xml`; valid formats: text, json, sarif, junit, github");
    assertThatThrownBy(() -> Reports.forFormat(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown report format `null`; valid formats: text");
  }

  @Test
  void defaultOptions_plainTextFailingAtSecurity_withAVersion() {
    assertThat(ReportOptions.DEFAULT.terminal()).isFalse();
    assertThat(ReportOptions.DEFAULT.failAt()).isEqualTo(Severity.SECURITY);
    assertThat(ReportOptions.DEFAULT.toolVersion()).isNotBlank();
    assertThat(ReportOptions.DEFAULT.withTerminal(true).withFailAt(Severity.WARNING))
        .isEqualTo(new ReportOptions(true, Severity.WARNING, Reports.toolVersion()));
  }

  @Test
  void summary_countsEverySeverity_andPluralisesLikeEnglish() {
    Summary s = Summary.of(ReportFixtures.all());

    assertThat(s).isEqualTo(new Summary(3, 1, 1, 1, 1));
    assertThat(s.findings()).isEqualTo(4);
    assertThat(s.line()).isEqualTo("3 files, 1 error, 1 security, 1 warning, 1 suggestion");
    assertThat(new Summary(1, 2, 0, 0, 3).line())
        .isEqualTo("1 file, 2 errors, 0 security, 0 warnings, 3 suggestions");
  }
}
