package dev.keyvet.engine.model;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The IAM condition operators without their {@code IfExists} suffix or set qualifier. Names are
 * matched exactly: IAM documents no other spelling, so anything else is an unknown operator.
 */
public enum OperatorBase {
  STRING_EQUALS("StringEquals", OperatorFamily.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", OperatorFamily.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", OperatorFamily.STRING, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", OperatorFamily.STRING, true),
  STRING_LIKE("StringLike", OperatorFamily.STRING, false),
  STRING_NOT_LIKE("StringNotLike", OperatorFamily.STRING, true),
  NUMERIC_EQUALS("NumericEquals", OperatorFamily.NUMERIC, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", OperatorFamily.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", OperatorFamily.NUMERIC, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", OperatorFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", OperatorFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", OperatorFamily.NUMERIC, false),
  DATE_EQUALS("DateEquals", OperatorFamily.DATE, false),
  DATE_NOT_EQUALS("DateNotEquals", OperatorFamily.DATE, true),
  DATE_LESS_THAN("DateLessThan", OperatorFamily.DATE, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", OperatorFamily.DATE, false),
  DATE_GREATER_THAN("DateGreaterThan", OperatorFamily.DATE, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", OperatorFamily.DATE, false),
  BOOL("Bool", OperatorFamily.BOOL, false),
  BINARY_EQUALS("BinaryEquals", OperatorFamily.BINARY, false),
  IP_ADDRESS("IpAddress", OperatorFamily.IP_ADDRESS, false),
  NOT_IP_ADDRESS("NotIpAddress", OperatorFamily.IP_ADDRESS, true),
  ARN_EQUALS("ArnEquals", OperatorFamily.ARN, false),
  ARN_LIKE("ArnLike", OperatorFamily.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", OperatorFamily.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", OperatorFamily.ARN, true),
  NULL("Null", OperatorFamily.NULL, false);

  private static final Map<String, OperatorBase> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(o -> o.name, Function.identity()));

  private final String name;
  private final OperatorFamily family;
  private final boolean negated;

  OperatorBase(String name, OperatorFamily family, boolean negated) {
    this.name = name;
    this.family = family;
    this.negated = negated;
  }

  /** The exact spelling, e.g. {@code StringNotLike}. */
  public String jsonName() {
    return name;
  }

  public OperatorFamily family() {
    return family;
  }

  /**
   * True for the negated operators ({@code StringNotEquals}, {@code NotIpAddress}, ...): several
   * values are combined as NOR, and an absent key makes them true.
   */
  public boolean negated() {
    return negated;
  }

  /** True for the operators whose values are wildcard patterns. */
  public boolean isLike() {
    return this == STRING_LIKE || this == STRING_NOT_LIKE || family == OperatorFamily.ARN;
  }

  /** The operator spelt exactly {@code name}, or null. */
  public static OperatorBase fromJson(String name) {
    return BY_NAME.get(name);
  }

  /** Every operator name, for suggestions. */
  public static java.util.List<String> names() {
    return Stream.of(values()).map(OperatorBase::jsonName).toList();
  }
}
