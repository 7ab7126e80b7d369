package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One key tested under one operator: {@code "StringEquals": {"kms:CallerAccount": ["1", "2"]}} is
 * one condition with two values. The conditions of a statement are ANDed; the values of one
 * condition are ORed (NORed for negated operators).
 *
 * @param operator the operator
 * @param key the condition key as written (matched case-insensitively)
 * @param values the values, in order; never empty in a valid policy
 * @param span the key and its values
 */
public record Condition(
    ConditionOperator operator, Text key, List<ConditionValue> values, SourceSpan span) {
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    Objects.requireNonNull(span, "span");
  }
}
