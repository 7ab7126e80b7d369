package dev.keyvet.runtime.crypto;

/**
 * The result of GenerateDataKey: the data key in plaintext and encrypted under the KMS key. The
 * plaintext is returned to the caller, who should zero it when done; {@code toString} hides it.
 */
public record DataKey(byte[] plaintext, byte[] ciphertextBlob) {
  @Override
  public String toString() {
    return "DataKey[plaintext hidden ("
        + plaintext.length
        + " bytes), ciphertextBlob "
        + ciphertextBlob.length
        + " bytes]";
  }
}
