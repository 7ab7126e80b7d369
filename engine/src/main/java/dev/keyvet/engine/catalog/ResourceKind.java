package dev.keyvet.engine.catalog;

/** What a KMS permission is checked against. */
public enum ResourceKind {
  /** A KMS key: the key policy and key ARN matter; {@code "*"} in a key policy means this key. */
  KEY("key"),
  /** No resource: the permission is granted by IAM policies alone; key policies cannot grant it. */
  NONE("none"),
  /** An alias (IAM policy on the alias ARN) plus the key it names (key policy or delegation). */
  ALIAS_AND_KEY("alias+key");

  private final String jsonName;

  ResourceKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in the catalogue file, e.g. {@code alias+key}. */
  public String jsonName() {
    return jsonName;
  }

  /** True when a KMS key is one of the resources, so key policies and key properties apply. */
  public boolean hasKey() {
    return this != NONE;
  }

  /**
   * The kind named {@code name} in the catalogue file.
   *
   * @throws IllegalArgumentException if no kind has that name
   */
  public static ResourceKind fromJson(String name) {
    for (ResourceKind k : values()) {
      if (k.jsonName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown resource kind `" + name + "`");
  }
}
