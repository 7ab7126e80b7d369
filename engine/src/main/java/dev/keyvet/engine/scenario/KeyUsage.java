package dev.keyvet.engine.scenario;

import dev.keyvet.engine.eval.RequestContext;
import java.util.Set;

/**
 * Which requests a key's spec, usage, origin, Region and management allow: KMS rejects the others
 * before any policy is consulted ({@code InvalidKeyUsageException}, {@code
 * UnsupportedOperationException}, {@code ValidationException}).
 */
final class KeyUsage {
  private KeyUsage() {}

  private static final Set<String> ENCRYPTION =
      Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo");
  private static final Set<String> DATA_KEYS =
      Set.of(
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext");
  private static final Set<String> AUTOMATIC_ROTATION =
      Set.of("EnableKeyRotation", "DisableKeyRotation");
  private static final Set<String> IMPORT =
      Set.of("GetParametersForImport", "ImportKeyMaterial", "DeleteImportedKeyMaterial");
  private static final Set<String> ASYMMETRIC_ENCRYPTION =
      Set.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");

  /** What only AWS may do to an AWS managed key. */
  private static final Set<String> AWS_MANAGES =
      Set.of(
          "PutKeyPolicy",
          "ScheduleKeyDeletion",
          "CancelKeyDeletion",
          "DisableKey",
          "EnableKey",
          "EnableKeyRotation",
          "DisableKeyRotation",
          "RotateKeyOnDemand",
          "UpdateKeyDescription",
          "TagResource",
          "UntagResource",
          "CreateAlias",
          "UpdateAlias",
          "DeleteAlias",
          "ReplicateKey",
          "UpdatePrimaryRegion",
          "ImportKeyMaterial",
          "DeleteImportedKeyMaterial",
          "GetParametersForImport");

  /**
   * Why KMS would refuse {@code action} on {@code key} in {@code region} with the stated {@code
   * context}, whatever the policies say; null when it would not.
   */
  static String problem(World.Key key, String action, String region, RequestContext context) {
    String k = "key `" + key.name() + "` (" + key.spec() + ", " + key.usage() + ")";
    boolean symmetric = key.spec().equals("SYMMETRIC_DEFAULT");
    if (key.awsManaged() && AWS_MANAGES.contains(action)) {
      return "UnsupportedOperationException: key `"
          + key.name()
          + "` is an AWS managed key; only AWS changes its policy, aliases, rotation and"
          + " lifecycle";
    }
    if (ENCRYPTION.contains(action)) {
      if (!key.usage().equals("ENCRYPT_DECRYPT")) {
        return "InvalidKeyUsageException: "
            + k
            + " cannot "
            + action
            + "; that needs an"
            + " ENCRYPT_DECRYPT key";
      }
      String algorithm = context.value("kms:EncryptionAlgorithm");
      if (!symmetric && (action.equals("Encrypt") || action.equals("Decrypt"))) {
        if (algorithm == null) {
          return "ValidationException: "
              + k
              + " is asymmetric, so "
              + action
              + " needs an encryption algorithm; state it, e.g. `with kms:EncryptionAlgorithm ="
              + " RSAES_OAEP_SHA_256`";
        }
        if (!ASYMMETRIC_ENCRYPTION.contains(algorithm)) {
          return "InvalidKeyUsageException: " + k + " does not support " + algorithm;
        }
      }
      if (symmetric && algorithm != null && !algorithm.equals("SYMMETRIC_DEFAULT")) {
        return "InvalidKeyUsageException: "
            + k
            + " supports only SYMMETRIC_DEFAULT, not "
            + algorithm;
      }
    }
    if (DATA_KEYS.contains(action) && !symmetric) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot "
          + action
          + "; data keys come from"
          + " symmetric encryption keys";
    }
    if (action.equals("Sign") || action.equals("Verify")) {
      if (!key.usage().equals("SIGN_VERIFY")) {
        return "InvalidKeyUsageException: "
            + k
            + " cannot "
            + action
            + "; that needs a"
            + " SIGN_VERIFY key";
      }
      String algorithm = context.value("kms:SigningAlgorithm");
      if (algorithm == null) {
        return "ValidationException: "
            + action
            + " needs a signing algorithm; state it, e.g. `with kms:SigningAlgorithm = "
            + (key.spec().startsWith("RSA") ? "RSASSA_PSS_SHA_256" : "ECDSA_SHA_256")
            + "`";
      }
      boolean fits =
          key.spec().startsWith("RSA")
              ? algorithm.startsWith("RSASSA_")
              : key.spec().equals("SM2")
                  ? algorithm.equals("SM2DSA")
                  : algorithm.startsWith("ECDSA_");
      if (!fits) {
        return "InvalidKeyUsageException: " + k + " does not support " + algorithm;
      }
    }
    if (action.equals("GenerateMac") || action.equals("VerifyMac")) {
      if (!key.usage().equals("GENERATE_VERIFY_MAC")) {
        return "InvalidKeyUsageException: " + k + " cannot " + action + "; that needs an HMAC key";
      }
      String algorithm = context.value("kms:MacAlgorithm");
      if (algorithm == null) {
        return "ValidationException: "
            + action
            + " needs a MAC algorithm; state it, e.g. `with kms:MacAlgorithm = HMAC_SHA_"
            + key.spec().substring("HMAC_".length())
            + "`";
      }
      if (!algorithm.equals("HMAC_SHA_" + key.spec().substring("HMAC_".length()))) {
        return "InvalidKeyUsageException: " + k + " does not support " + algorithm;
      }
    }
    if (action.equals("DeriveSharedSecret") && !key.usage().equals("KEY_AGREEMENT")) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot DeriveSharedSecret; that needs a"
          + " KEY_AGREEMENT key";
    }
    if (action.equals("GetPublicKey") && (symmetric || key.spec().startsWith("HMAC"))) {
      return "UnsupportedOperationException: " + k + " has no public key";
    }
    if (AUTOMATIC_ROTATION.contains(action) && (!symmetric || !key.origin().equals("AWS_KMS"))) {
      return "UnsupportedOperationException: "
          + k
          + " with origin "
          + key.origin()
          + " cannot rotate automatically; only symmetric encryption keys with AWS_KMS key"
          + " material can";
    }
    if (action.equals("RotateKeyOnDemand")
        && (!symmetric || !(key.origin().equals("AWS_KMS") || key.origin().equals("EXTERNAL")))) {
      return "UnsupportedOperationException: "
          + k
          + " with origin "
          + key.origin()
          + " cannot rotate on demand; only symmetric encryption keys can";
    }
    if ((action.equals("ReplicateKey") || action.equals("UpdatePrimaryRegion"))) {
      if (!key.multiRegion()) {
        return "UnsupportedOperationException: key `"
            + key.name()
            + "` is a single-Region key; only multi-Region keys are replicated";
      }
      if (!region.equals(key.region())) {
        return "UnsupportedOperationException: "
            + action
            + " is called on the primary key in "
            + key.region()
            + ", not on its replica in "
            + region;
      }
    }
    if (IMPORT.contains(action) && !key.origin().equals("EXTERNAL")) {
      return "UnsupportedOperationException: "
          + k
          + " has origin "
          + key.origin()
          + "; "
          + action
          + " is for keys with imported key material (EXTERNAL)";
    }
    return null;
  }
}
