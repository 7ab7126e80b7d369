package dev.keyvet.runtime.crypto;

/**
 * How imported key material is wrapped. The OAEP algorithms encrypt the material directly with the
 * wrapping key (MGF1 with the same hash); the RSA_AES_KEY_WRAP algorithms encrypt an ephemeral
 * AES-256 key with OAEP and the material with it under AES Key Wrap with Padding (RFC 5649), and
 * concatenate the two.
 */
public enum WrappingAlgorithm {
  RSAES_OAEP_SHA_1(false, 20),
  RSAES_OAEP_SHA_256(false, 32),
  RSA_AES_KEY_WRAP_SHA_1(true, 20),
  RSA_AES_KEY_WRAP_SHA_256(true, 32);

  private final boolean aesKeyWrap;
  private final int hashLength;

  WrappingAlgorithm(boolean aesKeyWrap, int hashLength) {
    this.aesKeyWrap = aesKeyWrap;
    this.hashLength = hashLength;
  }

  boolean aesKeyWrap() {
    return aesKeyWrap;
  }

  EncryptionAlgorithm oaep() {
    return hashLength == 20
        ? EncryptionAlgorithm.RSAES_OAEP_SHA_1
        : EncryptionAlgorithm.RSAES_OAEP_SHA_256;
  }

  /** The algorithm named {@code awsName}, or a ValidationException. */
  public static WrappingAlgorithm parse(String awsName) {
    return Names.parse(WrappingAlgorithm.class, awsName, "wrappingAlgorithm");
  }
}
