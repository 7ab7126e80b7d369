package dev.keyvet.runtime.crypto;

/** The AWS KMS errors the cryptography raises, each with the name AWS puts on the wire. */
public enum KmsError {
  /** A parameter is out of range or malformed. */
  VALIDATION("ValidationException"),
  /** The key's usage or key spec does not allow the operation or algorithm. */
  INVALID_KEY_USAGE("InvalidKeyUsageException"),
  /** A ciphertext is tampered, truncated, foreign, or was made under other key material. */
  INVALID_CIPHERTEXT("InvalidCiphertextException"),
  /** The ciphertext belongs to another key than the one named in the request. */
  INCORRECT_KEY("IncorrectKeyException"),
  /** Verify found the signature invalid. */
  INVALID_SIGNATURE("KMSInvalidSignatureException"),
  /** VerifyMac found the MAC invalid. */
  INVALID_MAC("KMSInvalidMacException"),
  /** The import token is malformed, not authentic, or for another key. */
  INVALID_IMPORT_TOKEN("InvalidImportTokenException"),
  /** The import token's 24 hours have passed. */
  EXPIRED_IMPORT_TOKEN("ExpiredImportTokenException"),
  /** Imported key material does not fit the key spec. */
  INCORRECT_KEY_MATERIAL("IncorrectKeyMaterialException"),
  /** The operation does not exist for this kind of key. */
  UNSUPPORTED_OPERATION("UnsupportedOperationException"),
  /** An internal failure that is not the caller's fault. */
  INTERNAL("KMSInternalException");

  private final String awsName;

  KmsError(String awsName) {
    this.awsName = awsName;
  }

  /** The error's name in AWS responses, e.g. {@code InvalidCiphertextException}. */
  public String awsName() {
    return awsName;
  }
}
