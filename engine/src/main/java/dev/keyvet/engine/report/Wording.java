package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.Finding.Evidence;

/**
 * The wording the formats for people share, so that text, JUnit and GitHub reports and the Maven
 * plugin's log agree.
 */
public final class Wording {
  private Wording() {}

  /** {@code file:line:col}, or the file alone when the position is unknown. */
  public static String location(String file, SourceSpan span) {
    return span.isUnknown() ? file : file + ":" + span.line() + ":" + span.column();
  }

  /** {@code file:line:col: severity CODE message}. */
  public static String headline(String file, Diagnostic d) {
    return location(file, d.span())
        + ": "
        + d.severity().label()
        + " "
        + d.code().id()
        + " "
        + d.message();
  }

  /** The {@code help:} and {@code evidence:} lines of a finding, each after a line break. */
  static String details(Finding f) {
    StringBuilder sb = new StringBuilder();
    if (!f.diagnostic().help().isEmpty()) {
      sb.append("\nhelp: ").append(f.diagnostic().help());
    }
    if (f.evidence() != null) {
      sb.append("\nevidence: ").append(evidence(f.evidence()));
    }
    return sb.toString();
  }

  /** {@code PRINCIPAL can ACTION (statement S)}, without the statement when none decided. */
  public static String evidence(Evidence e) {
    String s = e.principal() + " can " + e.action();
    String by = e.decidingStatement();
    return by == null || by.isEmpty() ? s : s + " (statement " + by + ")";
  }
}
