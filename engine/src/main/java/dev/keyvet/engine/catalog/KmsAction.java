package dev.keyvet.engine.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One AWS KMS permission, such as {@code kms:Decrypt}.
 *
 * @param name the permission without service prefix, in AWS's spelling, e.g. {@code Decrypt}
 * @param resource what the permission is checked against
 * @param crossAccount true when a principal of another account can be allowed to use it on a key
 * @param grantable true when it is a valid grant operation
 * @param conditionKeys canonical names of the condition keys this action supplies beyond the ones
 *     every key-resource action and every action supply (prefix keys by their prefix, e.g. {@code
 *     kms:EncryptionContext:}); use {@link KmsCatalog#actionSupportsKey} for the full answer
 * @param note extra facts for explanations, or empty
 */
public record KmsAction(
    String name,
    ResourceKind resource,
    boolean crossAccount,
    boolean grantable,
    List<String> conditionKeys,
    String note) {

  /** The prefix of every KMS action name. */
  public static final String SERVICE_PREFIX = "kms:";

  public KmsAction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    conditionKeys = List.copyOf(conditionKeys);
    Objects.requireNonNull(note, "note");
    if (name.isEmpty() || name.contains(":")) {
      throw new IllegalArgumentException("action name `" + name + "` must be bare, e.g. `Decrypt`");
    }
  }

  /** The name as written in a policy, e.g. {@code kms:Decrypt}. */
  public String qualifiedName() {
    return SERVICE_PREFIX + name;
  }
}
