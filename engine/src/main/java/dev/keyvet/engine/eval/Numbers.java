package dev.keyvet.engine.eval;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Numbers in request values: integers or decimals, as IAM's Numeric operators read them. */
final class Numbers {
  private Numbers() {}

  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

  /** The number {@code s} denotes, or null when it is not one. */
  static BigDecimal parse(String s) {
    return NUMBER.matcher(s).matches() ? new BigDecimal(s) : null;
  }
}
