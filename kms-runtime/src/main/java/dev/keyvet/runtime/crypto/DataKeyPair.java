package dev.keyvet.runtime.crypto;

/**
 * The result of GenerateDataKeyPair: the private key as PKCS#8 DER in plaintext and encrypted under
 * the KMS key, and the public key as DER SubjectPublicKeyInfo. {@code toString} hides the private
 * key.
 */
public record DataKeyPair(
    KeySpec keyPairSpec,
    byte[] privateKeyPlaintext,
    byte[] privateKeyCiphertextBlob,
    byte[] publicKey) {
  @Override
  public String toString() {
    return "DataKeyPair["
        + keyPairSpec
        + ", private key hidden, privateKeyCiphertextBlob "
        + privateKeyCiphertextBlob.length
        + " bytes, publicKey "
        + publicKey.length
        + " bytes]";
  }
}
