package dev.keyvet.runtime.crypto;

/** Encryption algorithms: AES-256-GCM for symmetric keys, RSA OAEP (MGF1 with the same hash). */
public enum EncryptionAlgorithm {
  SYMMETRIC_DEFAULT(0),
  RSAES_OAEP_SHA_1(20),
  RSAES_OAEP_SHA_256(32);

  private final int hashLength;

  EncryptionAlgorithm(int hashLength) {
    this.hashLength = hashLength;
  }

  /**
   * The largest plaintext this algorithm encrypts under a key of {@code spec}: 4096 bytes for
   * SYMMETRIC_DEFAULT, the modulus length minus 2 hash lengths minus 2 for OAEP (RSA_2048: 214 with
   * SHA-1, 190 with SHA-256).
   */
  public int maxPlaintextLength(KeySpec spec) {
    if (this == SYMMETRIC_DEFAULT) {
      return KmsCrypto.MAX_PLAINTEXT;
    }
    return spec.bits() / 8 - 2 * hashLength - 2;
  }

  /** The algorithm named {@code awsName}, or a ValidationException. */
  public static EncryptionAlgorithm parse(String awsName) {
    return Names.parse(EncryptionAlgorithm.class, awsName, "encryptionAlgorithm");
  }
}
