package dev.keyvet.engine.catalog;

/**
 * The value type of a condition key, as the Service Authorization Reference names it. It decides
 * which condition operators fit the key; {@link #ARRAY_OF_STRING} is the only multi-valued type.
 */
public enum ConditionKeyType {
  STRING("String"),
  ARRAY_OF_STRING("ArrayOfString"),
  NUMERIC("Numeric"),
  BOOL("Bool"),
  DATE("Date"),
  ARN("ARN"),
  IP_ADDRESS("IPAddress"),
  BINARY("Binary");

  private final String jsonName;

  ConditionKeyType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in the catalogue file and by AWS, e.g. {@code ArrayOfString}. */
  public String jsonName() {
    return jsonName;
  }

  /** True for types whose request value is a set of values rather than one value. */
  public boolean isMultiValued() {
    return this == ARRAY_OF_STRING;
  }

  /**
   * The type named {@code name} exactly as AWS spells it.
   *
   * @throws IllegalArgumentException if no type has that name
   */
  public static ConditionKeyType fromJson(String name) {
    for (ConditionKeyType t : values()) {
      if (t.jsonName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown condition key type `" + name + "`");
  }
}
