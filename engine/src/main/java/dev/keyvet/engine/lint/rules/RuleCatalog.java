package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Rule;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every rule keyvet has, in code order: the single place a new rule is registered. */
public final class RuleCatalog {
  private RuleCatalog() {}

  private static final List<Rule> RULES =
      Stream.of(StructureRules.ALL, PracticeRules.ALL, SemanticRules.ALL)
          .flatMap(List::stream)
          .sorted(Comparator.comparing(r -> r.metadata().code()))
          .toList();

  /** The rules, in code order. */
  public static List<Rule> rules() {
    return RULES;
  }

  /** The rule of {@code code}, if keyvet has one yet. */
  public static Optional<Rule> rule(Code code) {
    return RULES.stream().filter(r -> r.metadata().code() == code).findFirst();
  }
}
