package dev.keyvet.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Requests and responses of the {@link KeyStore} operations, named and shaped as in AWS KMS. */
public final class Kms {
  private Kms() {}

  /**
   * CreateKey. Omitted values take AWS's defaults: {@code SYMMETRIC_DEFAULT}, {@code
   * ENCRYPT_DECRYPT} (for HMAC specs {@code GENERATE_VERIFY_MAC}), {@code AWS_KMS}, single-Region,
   * the default key policy.
   *
   * @param policy key policy JSON, or null for the default key policy
   * @param description description, or null
   * @param keySpec key spec, or null
   * @param keyUsage key usage, or null
   * @param origin {@code AWS_KMS} or {@code EXTERNAL}, or null
   * @param multiRegion true for a multi-Region primary key
   * @param tags tags to attach
   * @param bypassPolicyLockoutSafetyCheck null when omitted
   */
  public record CreateKeyRequest(
      String policy,
      String description,
      String keySpec,
      String keyUsage,
      String origin,
      boolean multiRegion,
      Map<String, String> tags,
      Boolean bypassPolicyLockoutSafetyCheck) {
    public CreateKeyRequest {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A request with every parameter omitted. */
    public static CreateKeyRequest defaults() {
      return new CreateKeyRequest(null, null, null, null, null, false, Map.of(), null);
    }

    public CreateKeyRequest withPolicy(String p) {
      return new CreateKeyRequest(
          p,
          description,
          keySpec,
          keyUsage,
          origin,
          multiRegion,
          tags,
          bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withDescription(String d) {
      return new CreateKeyRequest(
          policy, d, keySpec, keyUsage, origin, multiRegion, tags, bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withSpec(String spec, String usage) {
      return new CreateKeyRequest(
          policy,
          description,
          spec,
          usage,
          origin,
          multiRegion,
          tags,
          bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withOrigin(String o) {
      return new CreateKeyRequest(
          policy,
          description,
          keySpec,
          keyUsage,
          o,
          multiRegion,
          tags,
          bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withMultiRegion() {
      return new CreateKeyRequest(
          policy,
          description,
          keySpec,
          keyUsage,
          origin,
          true,
          tags,
          bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withTags(Map<String, String> t) {
      return new CreateKeyRequest(
          policy,
          description,
          keySpec,
          keyUsage,
          origin,
          multiRegion,
          t,
          bypassPolicyLockoutSafetyCheck);
    }

    public CreateKeyRequest withBypassPolicyLockoutSafetyCheck(boolean b) {
      return new CreateKeyRequest(
          policy, description, keySpec, keyUsage, origin, multiRegion, tags, b);
    }
  }

  /** A multi-Region key's primary and replicas. */
  public record MultiRegionConfiguration(
      String multiRegionKeyType, String primaryKeyArn, List<String> replicaKeyArns) {
    public MultiRegionConfiguration {
      replicaKeyArns = List.copyOf(replicaKeyArns);
    }
  }

  /** DescribeKey's KeyMetadata. */
  public record KeyMetadata(
      String awsAccountId,
      String keyId,
      String arn,
      Instant creationDate,
      boolean enabled,
      String description,
      String keyUsage,
      String keyState,
      Instant deletionDate,
      Integer pendingDeletionWindowInDays,
      String origin,
      String keyManager,
      String keySpec,
      List<String> encryptionAlgorithms,
      List<String> signingAlgorithms,
      List<String> macAlgorithms,
      boolean multiRegion,
      MultiRegionConfiguration multiRegionConfiguration,
      String currentKeyMaterialId,
      String expirationModel,
      Instant validTo) {}

  /** A page of a List operation: {@code nextMarker} is null on the last page. */
  public record Page<T>(List<T> items, String nextMarker) {
    public Page {
      items = List.copyOf(items);
    }

    public boolean truncated() {
      return nextMarker != null;
    }
  }

  /** ListKeys entry. */
  public record KeyListEntry(String keyId, String keyArn) {}

  /** ListAliases entry. */
  public record AliasListEntry(
      String aliasName,
      String aliasArn,
      String targetKeyId,
      Instant creationDate,
      Instant lastUpdatedDate) {}

  /** Encrypt. */
  public record EncryptRequest(
      String keyId,
      byte[] plaintext,
      Map<String, String> encryptionContext,
      String encryptionAlgorithm,
      List<String> grantTokens) {
    public EncryptRequest {
      encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static EncryptRequest of(String keyId, byte[] plaintext, Map<String, String> ec) {
      return new EncryptRequest(keyId, plaintext, ec, null, List.of());
    }
  }

  /** Encrypt's answer; {@code keyId} is the key ARN. */
  public record EncryptResponse(byte[] ciphertextBlob, String keyId, String encryptionAlgorithm) {}

  /** Decrypt; {@code keyId} is optional for symmetric ciphertexts. */
  public record DecryptRequest(
      byte[] ciphertextBlob,
      String keyId,
      Map<String, String> encryptionContext,
      String encryptionAlgorithm,
      List<String> grantTokens) {
    public DecryptRequest {
      encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static DecryptRequest of(byte[] blob, Map<String, String> ec) {
      return new DecryptRequest(blob, null, ec, null, List.of());
    }
  }

  /** Decrypt's answer. */
  public record DecryptResponse(byte[] plaintext, String keyId, String encryptionAlgorithm) {}

  /** ReEncrypt. */
  public record ReEncryptRequest(
      byte[] ciphertextBlob,
      String sourceKeyId,
      Map<String, String> sourceEncryptionContext,
      String destinationKeyId,
      Map<String, String> destinationEncryptionContext,
      List<String> grantTokens) {
    public ReEncryptRequest {
      sourceEncryptionContext =
          sourceEncryptionContext == null ? Map.of() : Map.copyOf(sourceEncryptionContext);
      destinationEncryptionContext =
          destinationEncryptionContext == null
              ? Map.of()
              : Map.copyOf(destinationEncryptionContext);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }
  }

  /** ReEncrypt's answer. */
  public record ReEncryptResponse(byte[] ciphertextBlob, String sourceKeyId, String keyId) {}

  /**
   * GenerateDataKey / GenerateDataKeyWithoutPlaintext: exactly one of keySpec and numberOfBytes.
   */
  public record GenerateDataKeyRequest(
      String keyId,
      Map<String, String> encryptionContext,
      String keySpec,
      Integer numberOfBytes,
      List<String> grantTokens) {
    public GenerateDataKeyRequest {
      encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateDataKeyRequest aes256(String keyId, Map<String, String> ec) {
      return new GenerateDataKeyRequest(keyId, ec, "AES_256", null, List.of());
    }
  }

  /** A data key; {@code plaintext} is null for GenerateDataKeyWithoutPlaintext. */
  public record DataKey(byte[] ciphertextBlob, byte[] plaintext, String keyId) {}

  /** GenerateDataKeyPair / GenerateDataKeyPairWithoutPlaintext. */
  public record GenerateDataKeyPairRequest(
      String keyId,
      Map<String, String> encryptionContext,
      String keyPairSpec,
      List<String> grantTokens) {
    public GenerateDataKeyPairRequest {
      encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
    }

    public static GenerateDataKeyPairRequest of(
        String keyId, String keyPairSpec, Map<String, String> ec) {
      return new GenerateDataKeyPairRequest(keyId, ec, keyPairSpec, List.of());
    }
  }

  /**
   * A data key pair: the private key (PKCS#8 DER) encrypted under the KMS key and, except for
   * GenerateDataKeyPairWithoutPlaintext, in plaintext; the public key as DER SubjectPublicKeyInfo.
   */
  public record DataKeyPair(
      byte[] privateKeyCiphertextBlob,
      byte[] privateKeyPlaintext,
      byte[] publicKey,
      String keyId,
      String keyPairSpec) {
    @Override
    public String toString() {
      return "DataKeyPair[" + keyId + ", " + keyPairSpec + ", private key hidden]";
    }
  }

  /** GetParametersForImport's answer: the wrapping public key and the token, both for 24 hours. */
  public record ImportParameters(
      String keyId, byte[] importToken, byte[] publicKey, Instant parametersValidTo) {
    @Override
    public String toString() {
      return "ImportParameters[" + keyId + ", valid to " + parametersValidTo + "]";
    }
  }

  /**
   * ImportKeyMaterial. {@code expirationModel} {@code KEY_MATERIAL_EXPIRES} needs {@code validTo};
   * {@code KEY_MATERIAL_DOES_NOT_EXPIRE} forbids it; null means the former when {@code validTo} is
   * given, else the latter.
   */
  public record ImportKeyMaterialRequest(
      String keyId,
      byte[] importToken,
      byte[] encryptedKeyMaterial,
      Instant validTo,
      String expirationModel) {
    @Override
    public String toString() {
      return "ImportKeyMaterialRequest[" + keyId + ", valid to " + validTo + "]";
    }
  }

  /** GenerateMac's answer. */
  public record MacResponse(byte[] mac, String macAlgorithm, String keyId) {}

  /** Sign's answer. */
  public record SignResponse(byte[] signature, String signingAlgorithm, String keyId) {}

  /** GetPublicKey's answer. */
  public record PublicKey(byte[] publicKey, String keyId, String keySpec, String keyUsage) {}

  /** CreateGrant: at most one of the two constraints. */
  public record CreateGrantRequest(
      String keyId,
      String granteePrincipal,
      String retiringPrincipal,
      List<String> operations,
      Map<String, String> encryptionContextEquals,
      Map<String, String> encryptionContextSubset,
      List<String> grantTokens,
      String name) {
    public CreateGrantRequest {
      operations = operations == null ? List.of() : List.copyOf(operations);
      grantTokens = grantTokens == null ? List.of() : List.copyOf(grantTokens);
      encryptionContextEquals =
          encryptionContextEquals == null ? null : Map.copyOf(encryptionContextEquals);
      encryptionContextSubset =
          encryptionContextSubset == null ? null : Map.copyOf(encryptionContextSubset);
    }

    public static CreateGrantRequest of(String keyId, String grantee, String... operations) {
      return new CreateGrantRequest(
          keyId, grantee, null, List.of(operations), null, null, List.of(), null);
    }

    public CreateGrantRequest withRetiringPrincipal(String p) {
      return new CreateGrantRequest(
          keyId,
          granteePrincipal,
          p,
          operations,
          encryptionContextEquals,
          encryptionContextSubset,
          grantTokens,
          name);
    }

    public CreateGrantRequest withEquals(Map<String, String> ec) {
      return new CreateGrantRequest(
          keyId, granteePrincipal, retiringPrincipal, operations, ec, null, grantTokens, name);
    }

    public CreateGrantRequest withSubset(Map<String, String> ec) {
      return new CreateGrantRequest(
          keyId, granteePrincipal, retiringPrincipal, operations, null, ec, grantTokens, name);
    }

    public CreateGrantRequest withName(String n) {
      return new CreateGrantRequest(
          keyId,
          granteePrincipal,
          retiringPrincipal,
          operations,
          encryptionContextEquals,
          encryptionContextSubset,
          grantTokens,
          n);
    }
  }

  /** CreateGrant's answer. */
  public record CreateGrantResponse(String grantId, String grantToken) {}

  /** ListGrants / ListRetirableGrants entry. */
  public record GrantListEntry(
      String keyId,
      String grantId,
      String name,
      Instant creationDate,
      String granteePrincipal,
      String retiringPrincipal,
      String issuingAccount,
      List<String> operations,
      Map<String, String> encryptionContextEquals,
      Map<String, String> encryptionContextSubset) {}

  /** GetKeyRotationStatus's answer. */
  public record RotationStatus(
      String keyId,
      boolean keyRotationEnabled,
      Integer rotationPeriodInDays,
      Instant nextRotationDate,
      Instant onDemandRotationStartDate) {}

  /** ListKeyRotations entry. */
  public record Rotation(
      String keyId, String keyMaterialId, Instant rotationDate, String rotationType) {}

  /** ScheduleKeyDeletion's answer; {@code deletionDate} is null while replicas remain. */
  public record DeletionSchedule(
      String keyId, Instant deletionDate, String keyState, int pendingWindowInDays) {}

  /** A resource tag. */
  public record Tag(String tagKey, String tagValue) {}

  /** ReplicateKey. */
  public record ReplicateKeyRequest(
      String keyId,
      String replicaRegion,
      String policy,
      Boolean bypassPolicyLockoutSafetyCheck,
      String description,
      Map<String, String> tags) {
    public ReplicateKeyRequest {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static ReplicateKeyRequest of(String keyId, String replicaRegion) {
      return new ReplicateKeyRequest(keyId, replicaRegion, null, null, null, Map.of());
    }
  }
}
