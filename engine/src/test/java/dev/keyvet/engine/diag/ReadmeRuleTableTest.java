package dev.keyvet.engine.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's rule table is generated from the code catalogue. Run with {@code
 * -Dkeyvet.docs.update=true} to regenerate it.
 */
class ReadmeRuleTableTest {
  private static final String BEGIN = "<!-- rules:begin -->\n";
  private static final String END = "<!-- rules:end -->";

  @Test
  void readme_ruleTable_matchesTheCodeCatalogue() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README has the rules:begin marker").isNotNegative();
    assertThat(end).as("README has the rules:end marker").isGreaterThan(begin);
    String generated = CodeTable.markdown();
    if (Boolean.getBoolean("keyvet.docs.update")) {
      text = text.substring(0, begin + BEGIN.length()) + generated + text.substring(end);
      Files.writeString(readme, text, StandardCharsets.UTF_8);
    }
    assertThat(text.substring(begin + BEGIN.length(), text.indexOf(END)))
        .as("README rule table is stale; rerun with -Dkeyvet.docs.update=true")
        .isEqualTo(generated);
  }

  @Test
  void markdown_listsEveryCodeOnce() {
    String table = CodeTable.markdown();
    for (Code c : Code.values()) {
      assertThat(table).containsOnlyOnce("| " + c.id() + " | " + c.ruleName() + " |");
    }
    assertThat(table.lines()).hasSize(Code.values().length + 2);
  }
}
