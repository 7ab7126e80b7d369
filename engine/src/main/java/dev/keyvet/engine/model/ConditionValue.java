package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.Objects;

/**
 * One value of a condition, with its original text and its interpretation under the operator's
 * family.
 *
 * @param text the value as written (numbers and booleans in their JSON spelling)
 * @param json what JSON type it was written as
 * @param typed the interpretation; {@link TypedValue.Invalid} when it does not parse for the
 *     operator
 * @param span where it was written
 */
public record ConditionValue(String text, JsonKind json, TypedValue typed, SourceSpan span) {
  public ConditionValue {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(typed, "typed");
    Objects.requireNonNull(span, "span");
  }

  /** The JSON type of a scalar value. */
  public enum JsonKind {
    STRING,
    NUMBER,
    BOOLEAN
  }
}
