package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Rule;
import java.util.List;

/** The rules of the structure (KP0xx) and grammar (KP1xx) sections of the catalogue. */
final class StructureRules {
  private StructureRules() {}

  static final List<Rule> ALL = List.of(new JsonSyntax());
}
