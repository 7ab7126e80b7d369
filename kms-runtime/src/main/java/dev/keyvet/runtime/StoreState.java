package dev.keyvet.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The store's state as plain, immutable records, so that it can be snapshotted and restored.
 * Instances hold key material as the {@link KeyCrypto} returned it (a durable store seals it).
 */
public final class StoreState {
  private StoreState() {}

  /**
   * One key in one Region (a multi-Region key has one per Region, sharing its material).
   *
   * @param arn the key ARN
   * @param account owning account
   * @param region the key's Region
   * @param keyId the key ID ({@code mrk-...} for multi-Region keys)
   * @param keySpec e.g. {@code SYMMETRIC_DEFAULT}
   * @param keyUsage e.g. {@code ENCRYPT_DECRYPT}
   * @param origin {@code AWS_KMS} or {@code EXTERNAL}
   * @param multiRegion true for a multi-Region key
   * @param primaryRegion the primary's Region for a multi-Region key, else null
   * @param keyManager {@code CUSTOMER} or {@code AWS}
   * @param description the description
   * @param state {@code Enabled}, {@code Disabled}, {@code PendingDeletion}, {@code
   *     PendingReplicaDeletion} or {@code PendingImport}
   * @param created creation time
   * @param deletionDate when the key is deleted (PendingDeletion), else null
   * @param pendingWindowDays the waiting period asked for, while pending deletion, else null
   * @param policy the key policy's JSON text
   * @param tags resource tags
   * @param grants grants on the key, oldest first
   * @param materialRef the {@link Material} this key uses ({@code account/keyId})
   */
  public record Key(
      String arn,
      String account,
      String region,
      String keyId,
      String keySpec,
      String keyUsage,
      String origin,
      boolean multiRegion,
      String primaryRegion,
      String keyManager,
      String description,
      String state,
      Instant created,
      Instant deletionDate,
      Integer pendingWindowDays,
      String policy,
      Map<String, String> tags,
      List<Grant> grants,
      String materialRef) {
    public Key {
      tags = Map.copyOf(tags);
      grants = List.copyOf(grants);
    }

    boolean awsManaged() {
      return keyManager.equals("AWS");
    }

    boolean pendingDeletion() {
      return state.equals("PendingDeletion") || state.equals("PendingReplicaDeletion");
    }
  }

  /**
   * A grant.
   *
   * @param grantId 64 hex characters
   * @param name the grant's name, or null
   * @param grantee grantee principal ARN
   * @param retiringPrincipal retiring principal ARN, or null
   * @param operations granted operations, e.g. {@code Decrypt}
   * @param contextEquals {@code EncryptionContextEquals} constraint, or null
   * @param contextSubset {@code EncryptionContextSubset} constraint, or null
   * @param issuingAccount the account that created the grant (the key's account)
   * @param created creation time
   */
  public record Grant(
      String grantId,
      String name,
      String grantee,
      String retiringPrincipal,
      List<String> operations,
      Map<String, String> contextEquals,
      Map<String, String> contextSubset,
      String issuingAccount,
      Instant created) {
    public Grant {
      operations = List.copyOf(operations);
      contextEquals = contextEquals == null ? null : Map.copyOf(contextEquals);
      contextSubset = contextSubset == null ? null : Map.copyOf(contextSubset);
    }
  }

  /**
   * The key material of a key (shared by a multi-Region key's primary and replicas) with its
   * rotation settings.
   *
   * @param ref {@code account/keyId}
   * @param keySpec the key spec
   * @param versions every material version, oldest first; never shrinks
   * @param rotationEnabled automatic rotation on
   * @param rotationPeriodDays automatic rotation period
   * @param nextRotation when automatic rotation next happens, or null
   * @param onDemandRotations how many on-demand rotations happened
   */
  public record Material(
      String ref,
      String keySpec,
      List<Version> versions,
      boolean rotationEnabled,
      int rotationPeriodDays,
      Instant nextRotation,
      int onDemandRotations) {
    public Material {
      versions = List.copyOf(versions);
    }

    Version latest() {
      return versions.get(versions.size() - 1);
    }
  }

  /**
   * One version of a key's material.
   *
   * @param version from 0
   * @param materialId 64 hex characters identifying the material
   * @param material the material as {@link KeyCrypto} made it; empty once imported material was
   *     deleted or expired
   * @param created when it was made
   * @param rotationType {@code AUTOMATIC} or {@code ON_DEMAND}; null for the first version
   */
  public record Version(
      int version, String materialId, byte[] material, Instant created, String rotationType) {}

  /**
   * An alias.
   *
   * @param aliasArn the alias ARN
   * @param account its account
   * @param region its Region
   * @param name {@code alias/...}
   * @param targetKeyId the key ID it points to
   * @param created creation time
   * @param updated last update
   */
  public record Alias(
      String aliasArn,
      String account,
      String region,
      String name,
      String targetKeyId,
      Instant created,
      Instant updated) {}

  /**
   * Imported key material of an {@code EXTERNAL} key: when the current material expires, and new
   * material imported but not yet made current by RotateKeyOnDemand.
   *
   * @param ref the {@link Material} it belongs to
   * @param validTo when the current material expires and is deleted, or null when it does not
   * @param pendingMaterial imported material waiting for RotateKeyOnDemand, or null
   * @param pendingMaterialId its material ID, or null
   * @param pendingValidTo the expiry the pending material was imported with, or null
   */
  public record Import(
      String ref,
      Instant validTo,
      byte[] pendingMaterial,
      String pendingMaterialId,
      Instant pendingValidTo) {}

  /** Everything the store holds, at one moment. */
  public record Snapshot(
      List<Key> keys,
      List<Material> materials,
      List<Alias> aliases,
      Map<String, String> grantTokens,
      List<Import> imports) {
    public Snapshot {
      keys = List.copyOf(keys);
      materials = List.copyOf(materials);
      aliases = List.copyOf(aliases);
      grantTokens = Map.copyOf(grantTokens);
      imports = List.copyOf(imports);
    }

    public Snapshot(
        List<Key> keys,
        List<Material> materials,
        List<Alias> aliases,
        Map<String, String> grantTokens) {
      this(keys, materials, aliases, grantTokens, List.of());
    }
  }
}
