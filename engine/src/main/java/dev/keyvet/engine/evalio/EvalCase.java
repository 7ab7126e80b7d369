package dev.keyvet.engine.evalio;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.PolicySet;
import java.util.List;

/**
 * One evaluation case as read: its policies and request, or the problems that make it unusable.
 *
 * @param id the case's id, or empty
 * @param policies the policies, compiled; null when the case is unusable
 * @param request the request; null when the case is unusable
 * @param problems problems with the case's shape or request, each naming its JSON path
 * @param diagnostics error diagnostics of the case's policies, each naming its policy as file
 */
public record EvalCase(
    String id,
    PolicySet policies,
    AccessRequest request,
    List<String> problems,
    List<Diagnostic> diagnostics) {
  public EvalCase {
    problems = List.copyOf(problems);
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when the case can be evaluated. */
  public boolean usable() {
    return policies != null && request != null && problems.isEmpty();
  }
}
