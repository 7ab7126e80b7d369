package dev.keyvet.runtime.crypto;

/**
 * An AWS KMS error. Messages describe what was wrong with the request and never contain key
 * material, plaintext or other secrets; underlying cryptographic exceptions are not attached as
 * causes, so that nothing about a failed decryption leaks through a stack trace.
 */
public final class KmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final KmsError error;

  public KmsException(KmsError error, String message) {
    super(message);
    this.error = error;
  }

  /** The kind of error. */
  public KmsError error() {
    return error;
  }

  /** The error's name in AWS responses, e.g. {@code KMSInvalidSignatureException}. */
  public String awsErrorName() {
    return error.awsName();
  }

  @Override
  public String toString() {
    return error.awsName() + ": " + getMessage();
  }

  static KmsException validation(String message) {
    return new KmsException(KmsError.VALIDATION, message);
  }

  static KmsException invalidCiphertext() {
    return new KmsException(
        KmsError.INVALID_CIPHERTEXT,
        "The ciphertext is invalid: it is tampered, truncated, not a ciphertext of this KMS,"
            + " or the encryption context does not match");
  }
}
