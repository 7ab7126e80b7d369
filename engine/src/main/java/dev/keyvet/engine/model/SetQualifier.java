package dev.keyvet.engine.model;

/** The set-operator prefix of a condition operator. */
public enum SetQualifier {
  /** No prefix: the key is compared as a single value. */
  NONE(""),
  /** {@code ForAllValues:}: every request value must satisfy the test; true when there are none. */
  FOR_ALL_VALUES("ForAllValues:"),
  /** {@code ForAnyValue:}: at least one request value must satisfy the test. */
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix as written, including the colon; empty for {@link #NONE}. */
  public String prefix() {
    return prefix;
  }
}
