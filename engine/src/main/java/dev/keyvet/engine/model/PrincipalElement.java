package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A {@code Principal} or {@code NotPrincipal} element.
 *
 * @param negated true for {@code NotPrincipal}
 * @param principals every principal listed, across all families, in document order
 * @param span the element's value
 */
public record PrincipalElement(boolean negated, List<Principal> principals, SourceSpan span) {
  public PrincipalElement {
    principals = List.copyOf(principals);
    Objects.requireNonNull(span, "span");
  }

  /** The JSON member name: {@code Principal} or {@code NotPrincipal}. */
  public String elementName() {
    return negated ? "NotPrincipal" : "Principal";
  }
}
