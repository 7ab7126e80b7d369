package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ConditionKeyDef;
import dev.keyvet.engine.model.OperatorFamily;

/** Words for condition-key types and operator families, for messages. */
final class KeyTypes {
  private KeyTypes() {}

  /** What operators of {@code family} compare, e.g. {@code strings}. */
  static String compared(OperatorFamily family) {
    return switch (family) {
      case STRING -> "strings";
      case NUMERIC -> "numbers";
      case DATE -> "dates";
      case BOOL -> "booleans";
      case BINARY -> "binary values";
      case IP_ADDRESS -> "IP addresses";
      case ARN -> "ARNs";
      case NULL -> "presence";
    };
  }

  /** The operators that fit {@code key}, in words. */
  static String operatorsFor(ConditionKeyDef key) {
    return switch (key.type()) {
      case STRING -> "`StringEquals` or `StringLike`";
      case ARRAY_OF_STRING -> "`ForAnyValue:StringEquals` or `ForAllValues:StringEquals`";
      case ARN -> "`ArnEquals` or `ArnLike`";
      case NUMERIC -> "a Numeric operator such as `NumericLessThanEquals`";
      case DATE ->
          key.alsoNumeric()
              ? "a Date operator such as `DateGreaterThan`, or a Numeric one with epoch seconds"
              : "a Date operator such as `DateGreaterThan`";
      case BOOL -> "`Bool`";
      case IP_ADDRESS -> "`IpAddress` or `NotIpAddress`";
      case BINARY -> "`BinaryEquals`";
    };
  }
}
