package dev.keyvet.engine.eval;

import java.util.List;
import java.util.Map;

/**
 * The permission checks each KMS API operation needs, in the order AWS makes them. Most need one
 * check of the permission of the same name on the key; a few need more.
 */
public final class KmsOperations {
  private KmsOperations() {}

  /** What one check is on: the source key, the destination key, the alias, or a named key. */
  public enum Target {
    KEY,
    SOURCE_KEY,
    DESTINATION_KEY,
    ALIAS,
    CURRENT_KEY,
    NEW_KEY
  }

  /** One permission check: the permission, and which resource of the operation it is on. */
  public record PermissionCheck(String permission, Target target) {}

  private static final Map<String, List<PermissionCheck>> SPECIAL =
      Map.of(
          "ReEncrypt",
          List.of(
              new PermissionCheck("kms:ReEncryptFrom", Target.SOURCE_KEY),
              new PermissionCheck("kms:ReEncryptTo", Target.DESTINATION_KEY)),
          "CreateAlias",
          List.of(
              new PermissionCheck("kms:CreateAlias", Target.ALIAS),
              new PermissionCheck("kms:CreateAlias", Target.KEY)),
          "DeleteAlias",
          List.of(
              new PermissionCheck("kms:DeleteAlias", Target.ALIAS),
              new PermissionCheck("kms:DeleteAlias", Target.KEY)),
          "UpdateAlias",
          List.of(
              new PermissionCheck("kms:UpdateAlias", Target.ALIAS),
              new PermissionCheck("kms:UpdateAlias", Target.CURRENT_KEY),
              new PermissionCheck("kms:UpdateAlias", Target.NEW_KEY)));

  /** The checks of API operation {@code operation} (e.g. {@code ReEncrypt}, {@code Decrypt}). */
  public static List<PermissionCheck> checks(String operation) {
    List<PermissionCheck> special = SPECIAL.get(operation);
    return special != null ? special : List.of(new PermissionCheck("kms:" + operation, Target.KEY));
  }
}
