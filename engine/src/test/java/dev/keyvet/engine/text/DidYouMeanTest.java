package dev.keyvet.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> NAMES = List.of("Statement", "Version", "Id");

  @Test
  void suggest_typo_findsClosest() {
    assertThat(DidYouMean.suggest("Statment", NAMES)).contains("Statement");
    assertThat(DidYouMean.suggest("statement", NAMES)).contains("Statement");
    assertThat(DidYouMean.suggest("Verison", NAMES)).contains("Version");
  }

  @Test
  void suggest_farName_findsNothing() {
    assertThat(DidYouMean.suggest("Principal", NAMES)).isEmpty();
    assertThat(DidYouMean.hint("Principal", NAMES)).isEmpty();
  }

  @Test
  void hint_wrapsTheSuggestion() {
    assertThat(DidYouMean.hint("Statment", NAMES)).isEqualTo("; did you mean `Statement`?");
  }

  @Test
  void distance_countsTranspositionAsOneEdit() {
    assertThat(DidYouMean.distance("ab", "ba", 3)).isEqualTo(1);
    assertThat(DidYouMean.distance("kitten", "sitting", 5)).isEqualTo(3);
    assertThat(DidYouMean.distance("abc", "abc", 1)).isZero();
    assertThat(DidYouMean.distance("a", "abcdef", 2)).isEqualTo(3);
  }
}
