package dev.keyvet.engine.eval;

import dev.keyvet.engine.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * A decision with its reasons: the deciding statements and grants for an allow or an explicit deny;
 * the missing link and near misses for an implicit deny. {@code errors} is non-empty when the input
 * was invalid, in which case the decision is always {@link Decision#IMPLICIT_DENY}.
 */
public record Evaluation(Decision decision, List<Reason> reasons, List<Diagnostic> errors) {
  public Evaluation {
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
    errors = List.copyOf(errors);
  }

  /** True for {@link Decision#ALLOW}. */
  public boolean allowed() {
    return decision == Decision.ALLOW;
  }

  /** True when invalid input stopped the evaluation (fail closed). */
  public boolean failedClosed() {
    return !errors.isEmpty();
  }

  /** The first reason of a type, or null. */
  public <T extends Reason> T reason(Class<T> type) {
    for (Reason r : reasons) {
      if (type.isInstance(r)) {
        return type.cast(r);
      }
    }
    return null;
  }
}
