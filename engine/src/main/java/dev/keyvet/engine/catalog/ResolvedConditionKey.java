package dev.keyvet.engine.catalog;

import java.util.Objects;

/**
 * A concrete condition key name found in the catalogue: its definition plus, for prefix keys, the
 * suffix as written (e.g. {@code AppName} in {@code kms:EncryptionContext:AppName}).
 *
 * @param def the definition
 * @param suffix the suffix after the prefix, as written; empty exactly when the key is not a prefix
 *     key
 */
public record ResolvedConditionKey(ConditionKeyDef def, String suffix) {

  public ResolvedConditionKey {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(suffix, "suffix");
    if (def.prefix() == suffix.isEmpty()) {
      throw new IllegalArgumentException(
          "condition key `" + def.name() + "`: a suffix is required exactly for prefix keys");
    }
  }

  /**
   * The key name in canonical case with the suffix as written, e.g. {@code aws:PrincipalTag/team}.
   */
  public String name() {
    return def.name() + suffix;
  }
}
