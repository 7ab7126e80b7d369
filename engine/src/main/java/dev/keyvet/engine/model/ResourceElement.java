package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A {@code Resource} or {@code NotResource} element. In a key policy {@code "*"} means this key.
 *
 * @param negated true for {@code NotResource}
 * @param patterns the resource patterns, each parsed for policy variables where the policy's
 *     version enables them
 * @param span the element's value
 */
public record ResourceElement(boolean negated, List<Template> patterns, SourceSpan span) {
  public ResourceElement {
    patterns = List.copyOf(patterns);
    Objects.requireNonNull(span, "span");
  }

  /** The JSON member name: {@code Resource} or {@code NotResource}. */
  public String elementName() {
    return negated ? "NotResource" : "Resource";
  }
}
