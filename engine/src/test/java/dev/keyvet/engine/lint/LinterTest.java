package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.rules.RuleCatalog;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinterTest {
  @Test
  void lint_syntaxError_reportsOnlyKp001WithItsStatementUnknown() {
    LintResult r =
        LintTesting.lint("{\"Version\":\"2012-10-17\",\n\"Statement\": [,]}", LintConfig.DEFAULT);
    assertThat(LintTesting.at(r, "KP001")).containsExactly("KP001@2");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).statement()).isEmpty();
  }

  @Test
  void lint_severityOverride_andDisabledRule_areHonoured() {
    String broken = "{\"Version\":\"2012-10-17\",\"Statement\":[}";
    LintConfig warn = LintConfig.builder().severity(Code.KP001, Severity.WARNING).build();
    assertThat(LintTesting.lint(broken, warn).findings())
        .singleElement()
        .satisfies(f -> assertThat(f.diagnostic().severity()).isEqualTo(Severity.WARNING));
    LintConfig off = LintConfig.builder().disable(Code.KP001).build();
    assertThat(LintTesting.lint(broken, off).findings()).isEmpty();
  }

  @Test
  void ruleCatalog_hasOneRulePerCodeAtMost_withCompleteMetadata() {
    Set<Code> seen = new HashSet<>();
    for (Rule rule : RuleCatalog.rules()) {
      RuleMetadata m = rule.metadata();
      assertThat(seen.add(m.code())).as("one rule for %s", m.id()).isTrue();
      assertThat(m.title()).isNotBlank();
      assertThat(m.description()).isNotBlank();
      assertThat(m.rationale()).isNotBlank();
      assertThat(m.awsDoc()).startsWith("https://");
      assertThat(m.bad()).isNotBlank();
      assertThat(m.good()).isNotBlank();
      assertThat(rule.getClass().getSimpleName()).isNotEmpty();
    }
  }
}
