package dev.keyvet.engine.diag;

import java.util.Locale;

/**
 * Renders the code catalogue as a Markdown table, so that documentation is generated from the
 * codes' own metadata and cannot drift from it.
 */
public final class CodeTable {
  private CodeTable() {}

  /** One row per code: ID, name, default severity, and the stage that reports it. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| ID | name | default severity | reported by |\n");
    sb.append("|---|---|---|---|\n");
    for (Code c : Code.values()) {
      sb.append("| ")
          .append(c.id())
          .append(" | ")
          .append(c.ruleName())
          .append(" | ")
          .append(c.defaultSeverity().label())
          .append(" | ")
          .append(stage(c.stage()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String stage(Code.Stage stage) {
    switch (stage) {
      case READER:
        return "`keyvet validate` (reader)";
      case CATALOGUE:
        return "`keyvet validate` (KMS catalogue)";
      case LINTER:
        return "linter (planned)";
      default:
        throw new IllegalArgumentException(stage.name().toLowerCase(Locale.ROOT));
    }
  }
}
