package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * An {@code Action} or {@code NotAction} element.
 *
 * @param negated true for {@code NotAction}
 * @param patterns the action patterns as written
 * @param span the element's value
 */
public record ActionElement(boolean negated, List<Text> patterns, SourceSpan span) {
  public ActionElement {
    patterns = List.copyOf(patterns);
    Objects.requireNonNull(span, "span");
  }

  /** The JSON member name: {@code Action} or {@code NotAction}. */
  public String elementName() {
    return negated ? "NotAction" : "Action";
  }
}
