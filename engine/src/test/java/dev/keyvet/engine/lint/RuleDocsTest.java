package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's rule table and {@code docs/rules.md} are generated from the rules' metadata. Run
 * with {@code -Dkeyvet.docs.update=true} to regenerate both.
 */
class RuleDocsTest {
  private static final boolean UPDATE = Boolean.getBoolean("keyvet.docs.update");
  private static final String BEGIN = "<!-- rules:begin -->\n";
  private static final String END = "<!-- rules:end -->";

  @Test
  void readme_ruleTable_isGeneratedFromTheRules() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README has the rules:begin marker").isNotNegative();
    assertThat(end).as("README has the rules:end marker").isGreaterThan(begin);
    if (UPDATE) {
      text = text.substring(0, begin + BEGIN.length()) + RuleDocs.table() + text.substring(end);
      Files.writeString(readme, text, StandardCharsets.UTF_8);
    }
    assertThat(text.substring(begin + BEGIN.length(), text.indexOf(END)))
        .as("README rule table is stale; rerun with -Dkeyvet.docs.update=true")
        .isEqualTo(RuleDocs.table());
  }

  @Test
  void rulesPage_isGeneratedFromTheRules() throws IOException {
    Path page = Path.of("..", "docs", "rules.md");
    if (UPDATE) {
      Files.writeString(page, RuleDocs.rulesPage(), StandardCharsets.UTF_8);
    }
    assertThat(page).exists();
    assertThat(Files.readString(page, StandardCharsets.UTF_8))
        .as("docs/rules.md is stale; rerun with -Dkeyvet.docs.update=true")
        .isEqualTo(RuleDocs.rulesPage());
  }

  @Test
  void table_listsEveryCodeOnce() {
    String table = RuleDocs.table();
    for (Code c : Code.values()) {
      if (!c.policyCheck()) {
        assertThat(table).doesNotContain(c.id());
        continue;
      }
      assertThat(table).containsOnlyOnce("| [" + c.id() + "](");
    }
  }
}
