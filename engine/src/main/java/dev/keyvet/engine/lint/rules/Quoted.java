package dev.keyvet.engine.lint.rules;

import java.util.List;

/** Lists of names for one-line messages: each in backticks, the tail counted rather than shown. */
final class Quoted {
  private Quoted() {}

  /** How many names a message shows before it counts the rest. */
  static final int SHOWN = 3;

  /** {@code `a`, `b` and `c`}, or {@code `a`, `b`, `c` and 4 more}. */
  static String list(List<String> names) {
    StringBuilder sb = new StringBuilder();
    int shown = names.size() > SHOWN + 1 ? SHOWN : names.size();
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(i == shown - 1 && shown == names.size() ? " and " : ", ");
      }
      sb.append(names.get(i));
    }
    if (shown < names.size()) {
      sb.append(" and ").append(names.size() - shown).append(" more");
    }
    return sb.toString();
  }

  /** {@code text} in backticks. */
  static String code(String text) {
    return "`" + text + "`";
  }
}
