package dev.keyvet.runtime;

import dev.keyvet.runtime.crypto.CiphertextBlob;
import dev.keyvet.runtime.crypto.CiphertextHeader;
import dev.keyvet.runtime.crypto.EncryptionAlgorithm;
import dev.keyvet.runtime.crypto.KeyMaterial;
import dev.keyvet.runtime.crypto.KeySpec;
import dev.keyvet.runtime.crypto.KeyUsage;
import dev.keyvet.runtime.crypto.KmsCrypto;
import dev.keyvet.runtime.crypto.KmsError;
import dev.keyvet.runtime.crypto.MacAlgorithm;
import dev.keyvet.runtime.crypto.MessageType;
import dev.keyvet.runtime.crypto.SigningAlgorithm;
import dev.keyvet.runtime.crypto.SymmetricKeyMaterial;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's cryptography on {@code dev.keyvet.runtime.crypto}: every key spec (AES-256-GCM with
 * the documented ciphertext format, RSA, NIST and secp256k1 ECC, HMAC). Errors of the crypto
 * package become {@link KmsException}s with the same AWS names; messages never hold secrets.
 */
public final class StandardKeyCrypto implements KeyCrypto {
  private static final int CACHE_LIMIT = 10_000;

  private final KmsCrypto crypto;
  private final SecureRandom random;

  /**
   * Parsed material by the identity of the stored bytes: the store hands back the same array for a
   * key version, and parsing RSA or EC material on every call would dominate the call.
   */
  private final Map<byte[], KeyMaterial> parsed = new ConcurrentHashMap<>();

  /**
   * Cryptography drawing key material and IVs from the platform's strong {@link SecureRandom}. The
   * store's own injected random source (key and grant IDs, tokens) is deliberately not used here: a
   * repeatable source would repeat GCM nonces across runs.
   */
  public StandardKeyCrypto() {
    this.random = strongRandom();
    this.crypto = new KmsCrypto(random);
  }

  /**
   * The JDK's DRBG (NIST SP 800-90A, seeded from the platform): it serves IVs without the file read
   * and global lock of the default {@code NativePRNG}; the default stands in where the JDK lacks
   * it.
   */
  private static SecureRandom strongRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public KeyPair generateDataKeyPair(
      byte[] material, Header header, Map<String, String> context, String keyPairSpec) {
    return call(
        () -> {
          dev.keyvet.runtime.crypto.DataKeyPair pair =
              crypto.generateDataKeyPair(
                  symmetric(material),
                  new CiphertextHeader(header.keyId(), header.materialVersion(), header.region()),
                  context,
                  KeySpec.parse(keyPairSpec));
          return new KeyPair(
              pair.privateKeyPlaintext(), pair.privateKeyCiphertextBlob(), pair.publicKey());
        });
  }

  @Override
  public byte[] importMaterial(
      byte[] tokenKey,
      String keyId,
      String keySpec,
      byte[] importToken,
      byte[] encryptedKeyMaterial,
      java.time.Instant now) {
    return call(
        () -> {
          KeyMaterial m =
              new dev.keyvet.runtime.crypto.KeyImport(tokenKey, random)
                  .importKeyMaterial(
                      keyId, KeySpec.parse(keySpec), importToken, encryptedKeyMaterial, now);
          try {
            return m.toBytes();
          } finally {
            m.destroy();
          }
        });
  }

  @Override
  public ImportParameters parametersForImport(
      byte[] tokenKey,
      String keyId,
      String wrappingAlgorithm,
      String wrappingKeySpec,
      java.time.Instant now) {
    return call(
        () -> {
          dev.keyvet.runtime.crypto.ImportParameters p =
              new dev.keyvet.runtime.crypto.KeyImport(tokenKey, random)
                  .parametersForImport(
                      keyId,
                      dev.keyvet.runtime.crypto.WrappingAlgorithm.parse(wrappingAlgorithm),
                      dev.keyvet.runtime.crypto.WrappingKeySpec.parse(wrappingKeySpec),
                      now);
          return new ImportParameters(p.importToken(), p.publicKey(), p.parametersValidTo());
        });
  }

  @Override
  public byte[] generateMaterial(String keySpec) {
    return call(() -> crypto.generateKeyMaterial(KeySpec.parse(keySpec)).toBytes());
  }

  @Override
  public byte[] encrypt(
      byte[] material, Header header, byte[] plaintext, Map<String, String> context) {
    return call(
        () ->
            crypto.encrypt(
                symmetric(material),
                new CiphertextHeader(header.keyId(), header.materialVersion(), header.region()),
                context,
                plaintext));
  }

  @Override
  public Header header(byte[] ciphertext) {
    return call(
        () -> {
          CiphertextBlob blob = parse(ciphertext);
          return new Header(blob.keyId(), blob.materialVersion(), blob.region());
        });
  }

  @Override
  public byte[] decrypt(byte[] material, byte[] ciphertext, Map<String, String> context) {
    return call(
        () -> {
          CiphertextBlob blob = parse(ciphertext);
          return crypto.decrypt(symmetric(material), blob, blob.keyId(), blob.region(), context);
        });
  }

  @Override
  public byte[] encryptAsymmetric(
      String keySpec, byte[] material, String algorithm, byte[] plaintext) {
    return call(
        () ->
            crypto.encryptAsymmetric(
                material(material),
                KeyUsage.ENCRYPT_DECRYPT,
                EncryptionAlgorithm.parse(algorithm),
                plaintext));
  }

  @Override
  public byte[] decryptAsymmetric(
      String keySpec, byte[] material, String algorithm, byte[] ciphertext) {
    return call(
        () ->
            crypto.decryptAsymmetric(
                material(material),
                KeyUsage.ENCRYPT_DECRYPT,
                EncryptionAlgorithm.parse(algorithm),
                ciphertext));
  }

  @Override
  public byte[] generateMac(String keySpec, byte[] material, String algorithm, byte[] message) {
    return call(
        () ->
            crypto.generateMac(
                material(material),
                KeyUsage.GENERATE_VERIFY_MAC,
                MacAlgorithm.parse(algorithm),
                message));
  }

  @Override
  public boolean verifyMac(
      String keySpec, byte[] material, String algorithm, byte[] message, byte[] mac) {
    try {
      crypto.verifyMac(
          material(material),
          KeyUsage.GENERATE_VERIFY_MAC,
          MacAlgorithm.parse(algorithm),
          message,
          mac);
      return true;
    } catch (dev.keyvet.runtime.crypto.KmsException e) {
      if (e.error() == KmsError.INVALID_MAC) {
        return false;
      }
      throw translate(e);
    }
  }

  @Override
  public byte[] sign(
      String keySpec, byte[] material, String algorithm, String messageType, byte[] message) {
    return call(
        () ->
            crypto.sign(
                material(material),
                KeyUsage.SIGN_VERIFY,
                SigningAlgorithm.parse(algorithm),
                MessageType.parse(messageType),
                message));
  }

  @Override
  public boolean verify(
      String keySpec,
      byte[] material,
      String algorithm,
      String messageType,
      byte[] message,
      byte[] signature) {
    try {
      crypto.verify(
          material(material),
          KeyUsage.SIGN_VERIFY,
          SigningAlgorithm.parse(algorithm),
          MessageType.parse(messageType),
          message,
          signature);
      return true;
    } catch (dev.keyvet.runtime.crypto.KmsException e) {
      if (e.error() == KmsError.INVALID_SIGNATURE) {
        return false;
      }
      throw translate(e);
    }
  }

  @Override
  public byte[] publicKey(String keySpec, byte[] material) {
    return call(() -> crypto.publicKey(material(material)));
  }

  @Override
  public byte[] random(int n) {
    return call(() -> crypto.generateRandom(n));
  }

  /**
   * The blob this thread parsed last: the store reads a ciphertext's header to find its key, then
   * decrypts the same bytes. Reused only when the bytes are still the same.
   */
  private final ThreadLocal<CiphertextBlob[]> lastParsed =
      ThreadLocal.withInitial(() -> new CiphertextBlob[1]);

  private CiphertextBlob parse(byte[] ciphertext) {
    CiphertextBlob[] last = lastParsed.get();
    if (last[0] != null && last[0].hasBytes(ciphertext)) {
      return last[0];
    }
    CiphertextBlob blob = CiphertextBlob.parse(ciphertext);
    last[0] = blob;
    return blob;
  }

  private SymmetricKeyMaterial symmetric(byte[] material) {
    if (material(material) instanceof SymmetricKeyMaterial s) {
      return s;
    }
    throw new dev.keyvet.runtime.crypto.KmsException(
        KmsError.INVALID_KEY_USAGE, "the key is not a symmetric encryption key");
  }

  private KeyMaterial material(byte[] bytes) {
    KeyMaterial known = parsed.get(bytes);
    if (known != null) {
      return known;
    }
    KeyMaterial m = KeyMaterial.fromBytes(bytes);
    if (parsed.size() >= CACHE_LIMIT) {
      parsed.clear();
    }
    parsed.put(bytes, m);
    return m;
  }

  private interface Op<T> {
    T run();
  }

  private static <T> T call(Op<T> op) {
    try {
      return op.run();
    } catch (dev.keyvet.runtime.crypto.KmsException e) {
      throw translate(e);
    }
  }

  private static KmsException translate(dev.keyvet.runtime.crypto.KmsException e) {
    return new KmsException(e.awsErrorName(), e.getMessage());
  }
}
