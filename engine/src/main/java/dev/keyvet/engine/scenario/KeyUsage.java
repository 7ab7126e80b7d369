package dev.keyvet.engine.scenario;

import java.util.Set;

/**
 * Which operations a key's spec, usage and origin allow: KMS rejects the others before any policy
 * is consulted ({@code InvalidKeyUsageException}, {@code UnsupportedOperationException}).
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
  private static final Set<String> ROTATION =
      Set.of("EnableKeyRotation", "DisableKeyRotation", "RotateKeyOnDemand");
  private static final Set<String> IMPORT =
      Set.of("GetParametersForImport", "ImportKeyMaterial", "DeleteImportedKeyMaterial");

  /** Why KMS would refuse {@code action} on {@code key} whatever the policies say, or null. */
  static String problem(World.Key key, String action) {
    String k = "key `" + key.name() + "` (" + key.spec() + ", " + key.usage() + ")";
    if (ENCRYPTION.contains(action) && !key.usage().equals("ENCRYPT_DECRYPT")) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot "
          + action
          + "; that needs an"
          + " ENCRYPT_DECRYPT key";
    }
    if (DATA_KEYS.contains(action) && !key.spec().equals("SYMMETRIC_DEFAULT")) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot "
          + action
          + "; data keys come from"
          + " symmetric encryption keys";
    }
    if ((action.equals("Sign") || action.equals("Verify")) && !key.usage().equals("SIGN_VERIFY")) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot "
          + action
          + "; that needs a"
          + " SIGN_VERIFY key";
    }
    if ((action.equals("GenerateMac") || action.equals("VerifyMac"))
        && !key.usage().equals("GENERATE_VERIFY_MAC")) {
      return "InvalidKeyUsageException: " + k + " cannot " + action + "; that needs an HMAC key";
    }
    if (action.equals("DeriveSharedSecret") && !key.usage().equals("KEY_AGREEMENT")) {
      return "InvalidKeyUsageException: "
          + k
          + " cannot DeriveSharedSecret; that needs a"
          + " KEY_AGREEMENT key";
    }
    if (action.equals("GetPublicKey")
        && (key.spec().equals("SYMMETRIC_DEFAULT") || key.spec().startsWith("HMAC"))) {
      return "UnsupportedOperationException: " + k + " has no public key";
    }
    if (ROTATION.contains(action)
        && (!key.spec().equals("SYMMETRIC_DEFAULT") || !key.origin().equals("AWS_KMS"))) {
      return "UnsupportedOperationException: "
          + k
          + " cannot rotate automatically; only symmetric encryption keys with AWS_KMS key"
          + " material can";
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
