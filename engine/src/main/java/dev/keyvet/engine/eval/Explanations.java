package dev.keyvet.engine.eval;

import dev.keyvet.engine.diag.Diagnostic;
import java.util.List;

/** Renders decisions and their reasons for people: one heading line, one indented line a reason. */
public final class Explanations {
  private Explanations() {}

  /** The decision, then one indented line per reason with its location. */
  public static String render(String id, Evaluation e) {
    if (e.failedClosed()) {
      return error(id, List.of(), e.errors());
    }
    StringBuilder sb = new StringBuilder(label(id)).append(e.decision().name());
    for (Reason r : e.reasons()) {
      sb.append(System.lineSeparator()).append("  ").append(prefix(r)).append(r.describe());
      String where = where(r);
      if (!where.isEmpty()) {
        sb.append(" (").append(where).append(')');
      }
    }
    return sb.toString();
  }

  /** An evaluation that failed closed: the problems and diagnostics, one a line. */
  public static String error(String id, List<String> problems, List<Diagnostic> diagnostics) {
    StringBuilder sb =
        new StringBuilder(label(id)).append("ERROR (nothing is allowed on invalid input)");
    problems.forEach(p -> sb.append(System.lineSeparator()).append("  ").append(p));
    diagnostics.forEach(d -> sb.append(System.lineSeparator()).append("  ").append(d.render()));
    return sb.toString();
  }

  private static String label(String id) {
    return id.isEmpty() ? "" : id + ": ";
  }

  private static String prefix(Reason r) {
    if (r instanceof Reason.Missing) {
      return "missing: ";
    }
    if (r instanceof Reason.NearMiss) {
      return "near miss: ";
    }
    return "";
  }

  private static String where(Reason r) {
    if (r instanceof Reason.StatementMatch s && !s.span().isUnknown()) {
      return s.span().location() + " " + s.span().pointer();
    }
    if (r instanceof Reason.NearMiss n && !n.span().isUnknown()) {
      return n.span().location() + " " + n.span().pointer();
    }
    return "";
  }
}
