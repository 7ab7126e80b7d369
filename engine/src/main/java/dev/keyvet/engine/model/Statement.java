package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One statement. Elements that are missing or did not parse are null; a statement with a null
 * {@code effect}, {@code principal}, {@code action} or {@code resource} never applies to a request.
 *
 * @param index position in the policy, from 0
 * @param sid the {@code Sid}, or null
 * @param effect the effect, or null when missing or misspelt
 * @param principal {@code Principal} or {@code NotPrincipal}, or null
 * @param action {@code Action} or {@code NotAction}, or null
 * @param resource {@code Resource} or {@code NotResource}, or null
 * @param conditions every operator/key pair of the {@code Condition} block, in document order
 * @param span the statement object
 */
public record Statement(
    int index,
    Text sid,
    Effect effect,
    PrincipalElement principal,
    ActionElement action,
    ResourceElement resource,
    List<Condition> conditions,
    SourceSpan span) {

  public Statement {
    conditions = List.copyOf(conditions);
    Objects.requireNonNull(span, "span");
  }

  /** The Sid, or {@code #index} (from 1) for statements without one: how reports name it. */
  public String label() {
    return sid != null ? sid.value() : "#" + (index + 1);
  }

  /** True when every element a statement needs is present and parsed. */
  public boolean isComplete() {
    return effect != null && principal != null && action != null && resource != null;
  }
}
