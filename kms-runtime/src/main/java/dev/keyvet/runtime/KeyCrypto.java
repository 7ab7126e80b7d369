package dev.keyvet.runtime;

import java.util.Map;

/**
 * The cryptography the key store needs, kept narrow so that the store does not depend on how key
 * material is made, sealed or used. Key material is opaque to the store: it keeps what {@link
 * #generateMaterial} returns and hands it back for each operation.
 *
 * <p>Errors: a ciphertext that is tampered, truncated, made under other material or with another
 * encryption context throws {@link KmsException} {@code InvalidCiphertextException}; an invalid MAC
 * or signature is reported by returning false; a key spec or algorithm the implementation does not
 * support throws {@link UnsupportedOperationException} with a message naming it. Implementations
 * never put key material or plaintext in an exception message.
 */
public interface KeyCrypto {

  /**
   * What a symmetric ciphertext records in the clear (and authenticates): the key it was made
   * under, which version of that key's material, and the Region it was made in.
   *
   * @param keyId the key ID (not the ARN)
   * @param materialVersion the material version, from 0 for the key's first material
   * @param region the Region of the key that made it
   */
  record Header(String keyId, int materialVersion, String region) {}

  /** New key material for {@code keySpec} (e.g. {@code SYMMETRIC_DEFAULT}, {@code HMAC_256}). */
  byte[] generateMaterial(String keySpec);

  /**
   * Encrypts {@code plaintext} under symmetric {@code material}, binding {@code header} and the
   * encryption context as authenticated data.
   */
  byte[] encrypt(byte[] material, Header header, byte[] plaintext, Map<String, String> context);

  /** The header of a symmetric ciphertext, read without decrypting it. */
  Header header(byte[] ciphertext);

  /** Decrypts a symmetric ciphertext made by {@link #encrypt} with the same context. */
  byte[] decrypt(byte[] material, byte[] ciphertext, Map<String, String> context);

  /** Encrypts with an asymmetric key's public key ({@code RSAES_OAEP_SHA_256}, ...). */
  byte[] encryptAsymmetric(String keySpec, byte[] material, String algorithm, byte[] plaintext);

  /** Decrypts with an asymmetric key's private key. */
  byte[] decryptAsymmetric(String keySpec, byte[] material, String algorithm, byte[] ciphertext);

  /** The MAC of {@code message} with an HMAC key's material ({@code HMAC_SHA_256}, ...). */
  byte[] generateMac(String keySpec, byte[] material, String algorithm, byte[] message);

  /** True when {@code mac} is the MAC of {@code message}; compares in constant time. */
  boolean verifyMac(String keySpec, byte[] material, String algorithm, byte[] message, byte[] mac);

  /** A signature with an asymmetric signing key's material. */
  byte[] sign(
      String keySpec, byte[] material, String algorithm, String messageType, byte[] message);

  /** True when {@code signature} is valid for {@code message}. */
  boolean verify(
      String keySpec,
      byte[] material,
      String algorithm,
      String messageType,
      byte[] message,
      byte[] signature);

  /** The DER-encoded SubjectPublicKeyInfo of an asymmetric key. */
  byte[] publicKey(String keySpec, byte[] material);

  /** {@code n} random bytes. */
  byte[] random(int n);

  /**
   * A data key pair: the private key as PKCS#8 DER in plaintext and encrypted under symmetric
   * {@code material} (as {@link #encrypt} does, with {@code header} and the context), and the
   * public key as DER SubjectPublicKeyInfo.
   */
  record KeyPair(byte[] privateKeyPlaintext, byte[] privateKeyCiphertext, byte[] publicKey) {
    @Override
    public String toString() {
      return "KeyPair[private key hidden, publicKey " + publicKey.length + " bytes]";
    }
  }

  /**
   * GenerateDataKeyPair for {@code keyPairSpec} (an RSA or ECC key spec).
   *
   * @throws UnsupportedOperationException if the implementation cannot make key pairs
   */
  default KeyPair generateDataKeyPair(
      byte[] material, Header header, Map<String, String> context, String keyPairSpec) {
    throw new UnsupportedOperationException("data key pairs are not supported");
  }

  /**
   * The key material of an import: unwraps {@code encryptedKeyMaterial} with the wrapping key of
   * {@code importToken} (made by GetParametersForImport for {@code keyId}) and checks it fits
   * {@code keySpec}; returns it in the form {@link #generateMaterial} returns.
   *
   * @throws UnsupportedOperationException if the implementation cannot import
   */
  default byte[] importMaterial(
      byte[] tokenKey,
      String keyId,
      String keySpec,
      byte[] importToken,
      byte[] encryptedKeyMaterial,
      java.time.Instant now) {
    throw new UnsupportedOperationException("importing key material is not supported");
  }

  /** GetParametersForImport's wrapping public key and token, valid 24 hours from {@code now}. */
  record ImportParameters(byte[] importToken, byte[] publicKey, java.time.Instant validTo) {}

  /**
   * GetParametersForImport.
   *
   * @throws UnsupportedOperationException if the implementation cannot import
   */
  default ImportParameters parametersForImport(
      byte[] tokenKey,
      String keyId,
      String wrappingAlgorithm,
      String wrappingKeySpec,
      java.time.Instant now) {
    throw new UnsupportedOperationException("importing key material is not supported");
  }
}
