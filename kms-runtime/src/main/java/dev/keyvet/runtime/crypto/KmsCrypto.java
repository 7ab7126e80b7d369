package dev.keyvet.runtime.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The cryptographic operations of the local KMS, on key material the caller (the key store) has
 * already looked up and authorized. Every method checks what AWS checks about the key's usage, the
 * algorithm and the sizes, and throws {@link KmsException} with AWS's error name.
 *
 * <p>AES-256-GCM runs on the JDK's provider with one cached {@code Cipher} per thread; RSA and
 * elliptic-curve operations run on Bouncy Castle's lightweight API (faster ECDSA than JDK 17, and
 * secp256k1); HMAC runs on the JDK with one cached {@code Mac} per thread and algorithm.
 *
 * <p>All randomness — keys, IVs, OAEP seeds, PSS salts, RSA blinding — comes from the injected
 * {@link SecureRandom}. It must be a cryptographically strong generator outside tests: a repeated
 * GCM IV under one key breaks the confidentiality and integrity of both messages. ECDSA uses
 * deterministic nonces (RFC 6979), so a weak generator cannot expose a signing key. Instances are
 * thread-safe.
 */
public final class KmsCrypto {
  /** Largest plaintext of Encrypt (and ReEncrypt). */
  public static final int MAX_PLAINTEXT = 4096;

  /** Largest message of Sign and GenerateMac. */
  public static final int MAX_MESSAGE = 4096;

  /** Largest NumberOfBytes of GenerateDataKey and GenerateRandom. */
  public static final int MAX_RANDOM = 1024;

  private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(KmsCrypto::newAesGcm);
  private static final ThreadLocal<Mac[]> MACS =
      ThreadLocal.withInitial(() -> new Mac[MacAlgorithm.values().length]);

  private final SecureRandom random;

  /**
   * IVs drawn from {@link #random} a block at a time: one draw serves {@value #IVS_PER_DRAW} IVs,
   * as a draw costs about as much for 12 bytes as for a kilobyte. IVs are public (they travel in
   * the ciphertext), so holding the next few in memory reveals nothing.
   */
  private final ThreadLocal<IvBlock> ivs = ThreadLocal.withInitial(IvBlock::new);

  private static final int IVS_PER_DRAW = 64;

  private static final class IvBlock {
    final byte[] bytes = new byte[IVS_PER_DRAW * CiphertextBlob.IV_LENGTH];
    int next = bytes.length;
  }

  private byte[] freshIv() {
    IvBlock block = ivs.get();
    if (block.next == block.bytes.length) {
      random.nextBytes(block.bytes);
      block.next = 0;
    }
    byte[] iv = Arrays.copyOfRange(block.bytes, block.next, block.next + CiphertextBlob.IV_LENGTH);
    Arrays.fill(block.bytes, block.next, block.next + CiphertextBlob.IV_LENGTH, (byte) 0);
    block.next += CiphertextBlob.IV_LENGTH;
    return iv;
  }

  /** Operations drawing all randomness from {@code random}. */
  public KmsCrypto(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  // ---------------------------------------------------------------- key material

  /** New key material of {@code spec}. RSA-4096 takes a second or more. */
  public KeyMaterial generateKeyMaterial(KeySpec spec) {
    switch (spec.family()) {
      case SYMMETRIC:
      case HMAC:
        byte[] secret = new byte[spec.minSecretLength()];
        random.nextBytes(secret);
        try {
          return KeyMaterial.of(spec, secret);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      case RSA:
        return RsaKeyMaterial.generate(spec, random);
      default:
        return EcKeyMaterial.generate(spec, random);
    }
  }

  /**
   * GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key.
   *
   * @throws KmsException UnsupportedOperationException for symmetric and HMAC keys
   */
  public byte[] publicKey(KeyMaterial key) {
    if (key instanceof AsymmetricKeyMaterial a) {
      return a.publicKeyDer();
    }
    throw new KmsException(
        KmsError.UNSUPPORTED_OPERATION, "GetPublicKey is not supported for key spec " + key.spec());
  }

  // ---------------------------------------------------------------- symmetric

  /**
   * Encrypt with a symmetric key: AES-256-GCM with a fresh 96-bit IV, the header and the canonical
   * encryption context as additional authenticated data. Returns the ciphertext blob.
   *
   * @throws KmsException ValidationException for a plaintext outside 1..4096 bytes or an invalid
   *     encryption context
   */
  public byte[] encrypt(
      SymmetricKeyMaterial key,
      CiphertextHeader header,
      Map<String, String> encryptionContext,
      byte[] plaintext) {
    if (plaintext == null || plaintext.length == 0 || plaintext.length > MAX_PLAINTEXT) {
      throw KmsException.validation("Plaintext must be 1 to " + MAX_PLAINTEXT + " bytes long");
    }
    return seal(key, header, encryptionContext, plaintext);
  }

  private byte[] seal(
      SymmetricKeyMaterial key, CiphertextHeader header, Map<String, String> context, byte[] data) {
    byte[] head = header.encode();
    byte[] aadContext = EncryptionContext.canonicalBytes(context);
    int ivAt = head.length;
    int bodyAt = ivAt + CiphertextBlob.IV_LENGTH;
    byte[] out = new byte[bodyAt + data.length + CiphertextBlob.TAG_LENGTH];
    if (out.length > CiphertextBlob.MAX_LENGTH) {
      throw KmsException.validation(
          "The ciphertext would exceed " + CiphertextBlob.MAX_LENGTH + " bytes");
    }
    System.arraycopy(head, 0, out, 0, head.length);
    byte[] iv = freshIv();
    System.arraycopy(iv, 0, out, ivAt, iv.length);
    Cipher cipher = AES_GCM.get();
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key.jcaKey(),
          new GCMParameterSpec(CiphertextBlob.TAG_LENGTH * 8, iv));
      cipher.updateAAD(out, 0, head.length);
      cipher.updateAAD(aadContext);
      cipher.doFinal(data, 0, data.length, out, bodyAt);
    } catch (GeneralSecurityException e) {
      throw new KmsException(
          KmsError.INTERNAL, "AES-GCM encryption failed: " + e.getClass().getSimpleName());
    }
    return out;
  }

  /**
   * Decrypt a symmetric ciphertext blob.
   *
   * <p>{@code expectedKeyId} and {@code expectedRegion} are the key and Region the store decrypts
   * with. A blob of another key fails with IncorrectKeyException, one of another Region with
   * InvalidCiphertextException. (For a multi-Region key the store passes the blob's Region once it
   * has checked that the blob's key is related.) The header is then authenticated together with the
   * context and the ciphertext, so edited headers fail too.
   *
   * @throws KmsException InvalidCiphertextException if the blob is not authentic for this key
   *     material, header and encryption context
   */
  public byte[] decrypt(
      SymmetricKeyMaterial key,
      CiphertextBlob blob,
      String expectedKeyId,
      String expectedRegion,
      Map<String, String> encryptionContext) {
    if (!blob.keyId().equals(expectedKeyId)) {
      throw new KmsException(
          KmsError.INCORRECT_KEY,
          "The key ID in the request does not identify the KMS key that encrypted the ciphertext");
    }
    if (!blob.region().equals(expectedRegion)) {
      throw KmsException.invalidCiphertext();
    }
    byte[] aadContext = EncryptionContext.canonicalBytes(encryptionContext);
    byte[] b = blob.bytes();
    Cipher cipher = AES_GCM.get();
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.jcaKey(),
          new GCMParameterSpec(
              CiphertextBlob.TAG_LENGTH * 8, b, blob.headerLength(), CiphertextBlob.IV_LENGTH));
      cipher.updateAAD(b, 0, blob.headerLength());
      cipher.updateAAD(aadContext);
      return cipher.doFinal(b, blob.bodyOffset(), blob.bodyLength());
    } catch (GeneralSecurityException e) {
      // AEADBadTagException above all: wrong key material, header, context or ciphertext.
      throw KmsException.invalidCiphertext();
    }
  }

  // ---------------------------------------------------------------- data keys and randomness

  /** GenerateDataKey with {@code KeySpec} AES_128 or AES_256. */
  public DataKey generateDataKey(
      SymmetricKeyMaterial key,
      CiphertextHeader header,
      Map<String, String> encryptionContext,
      DataKeySpec spec) {
    return generateDataKey(key, header, encryptionContext, spec.length());
  }

  /**
   * GenerateDataKey with {@code NumberOfBytes}: random bytes, returned in plaintext and as a
   * ciphertext blob under {@code key}. GenerateDataKeyWithoutPlaintext is this call with the
   * plaintext dropped (and zeroed) by the store.
   *
   * @throws KmsException ValidationException unless 1 &lt;= numberOfBytes &lt;= 1024
   */
  public DataKey generateDataKey(
      SymmetricKeyMaterial key,
      CiphertextHeader header,
      Map<String, String> encryptionContext,
      int numberOfBytes) {
    byte[] plaintext = generateRandom(numberOfBytes, "NumberOfBytes");
    return new DataKey(plaintext, seal(key, header, encryptionContext, plaintext));
  }

  /**
   * GenerateDataKeyPair: a new RSA or elliptic-curve key pair; the private key as PKCS#8 DER in
   * plaintext and encrypted under {@code key}, the public key as DER SubjectPublicKeyInfo.
   *
   * @throws KmsException ValidationException if {@code keyPairSpec} is not an RSA or EC spec
   */
  public DataKeyPair generateDataKeyPair(
      SymmetricKeyMaterial key,
      CiphertextHeader header,
      Map<String, String> encryptionContext,
      KeySpec keyPairSpec) {
    if (!keyPairSpec.isAsymmetric()) {
      throw KmsException.validation(
          "KeyPairSpec must be an RSA or elliptic-curve key spec, not " + keyPairSpec);
    }
    EncryptionContext.canonicalBytes(encryptionContext);
    AsymmetricKeyMaterial pair = (AsymmetricKeyMaterial) generateKeyMaterial(keyPairSpec);
    byte[] pkcs8 = pair.secretBytes();
    byte[] blob = seal(key, header, encryptionContext, pkcs8);
    byte[] publicKey = pair.publicKeyDer();
    pair.destroy();
    return new DataKeyPair(keyPairSpec, pkcs8, blob, publicKey);
  }

  /**
   * GenerateRandom.
   *
   * @throws KmsException ValidationException unless 1 &lt;= numberOfBytes &lt;= 1024
   */
  public byte[] generateRandom(int numberOfBytes) {
    return generateRandom(numberOfBytes, "NumberOfBytes");
  }

  private byte[] generateRandom(int numberOfBytes, String parameter) {
    if (numberOfBytes < 1 || numberOfBytes > MAX_RANDOM) {
      throw KmsException.validation(parameter + " must be between 1 and " + MAX_RANDOM);
    }
    byte[] out = new byte[numberOfBytes];
    random.nextBytes(out);
    return out;
  }

  // ---------------------------------------------------------------- RSA encryption

  /**
   * Encrypt with an RSA key (RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256, MGF1 with the same hash).
   *
   * @throws KmsException InvalidKeyUsageException if the key is not an RSA ENCRYPT_DECRYPT key or
   *     the algorithm is not RSA OAEP; ValidationException if the plaintext is empty or too long
   */
  public byte[] encryptAsymmetric(
      KeyMaterial key, KeyUsage usage, EncryptionAlgorithm algorithm, byte[] plaintext) {
    RsaKeyMaterial rsa = rsaForEncryption(key, usage, algorithm);
    int max = algorithm.maxPlaintextLength(key.spec());
    if (plaintext == null || plaintext.length == 0 || plaintext.length > max) {
      throw KmsException.validation(
          "Plaintext must be 1 to " + max + " bytes long for " + key.spec() + " with " + algorithm);
    }
    OAEPEncoding oaep = oaep(algorithm);
    oaep.init(true, new ParametersWithRandom(rsa.publicParameters(), random));
    try {
      return oaep.processBlock(plaintext, 0, plaintext.length);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new KmsException(KmsError.INTERNAL, "RSA encryption failed");
    }
  }

  /**
   * Decrypt with an RSA key.
   *
   * @throws KmsException InvalidCiphertextException if the ciphertext was not made with this key
   *     and algorithm
   */
  public byte[] decryptAsymmetric(
      KeyMaterial key, KeyUsage usage, EncryptionAlgorithm algorithm, byte[] ciphertext) {
    RsaKeyMaterial rsa = rsaForEncryption(key, usage, algorithm);
    return oaepDecrypt(rsa, algorithm, ciphertext, random);
  }

  static byte[] oaepDecrypt(
      RsaKeyMaterial rsa, EncryptionAlgorithm algorithm, byte[] ciphertext, SecureRandom random) {
    if (ciphertext == null || ciphertext.length != rsa.spec().bits() / 8) {
      throw KmsException.invalidCiphertext();
    }
    OAEPEncoding oaep = oaep(algorithm);
    oaep.init(false, new ParametersWithRandom(rsa.privateParameters(), random));
    try {
      return oaep.processBlock(ciphertext, 0, ciphertext.length);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw KmsException.invalidCiphertext();
    }
  }

  static OAEPEncoding oaep(EncryptionAlgorithm algorithm) {
    Digest hash =
        algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1 ? new SHA1Digest() : new SHA256Digest();
    Digest mgf =
        algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1 ? new SHA1Digest() : new SHA256Digest();
    return new OAEPEncoding(new RSABlindedEngine(), hash, mgf, null);
  }

  private static RsaKeyMaterial rsaForEncryption(
      KeyMaterial key, KeyUsage usage, EncryptionAlgorithm algorithm) {
    requireUsage(key, usage, KeyUsage.ENCRYPT_DECRYPT);
    if (!(key instanceof RsaKeyMaterial rsa)
        || !key.spec().encryptionAlgorithms().contains(algorithm)) {
      throw incompatible("Encryption algorithm " + algorithm, key.spec());
    }
    return rsa;
  }

  // ---------------------------------------------------------------- signatures

  /**
   * Sign. RAW messages (1..4096 bytes) are hashed with the algorithm's digest; DIGEST messages must
   * already be a digest of exactly that length.
   *
   * @throws KmsException InvalidKeyUsageException if the key is not a SIGN_VERIFY key or the
   *     algorithm does not fit its spec; ValidationException for a bad message length
   */
  public byte[] sign(
      KeyMaterial key,
      KeyUsage usage,
      SigningAlgorithm algorithm,
      MessageType messageType,
      byte[] message) {
    AsymmetricKeyMaterial k = forSigning(key, usage, algorithm);
    byte[] digest = digest(algorithm, messageType, message);
    try {
      switch (algorithm.scheme()) {
        case PSS:
          {
            PSSSigner signer = pss(algorithm);
            signer.init(true, new ParametersWithRandom(k.privateParameters(), random));
            signer.update(digest, 0, digest.length);
            return signer.generateSignature();
          }
        case PKCS1:
          {
            RSADigestSigner signer = new RSADigestSigner(new NullDigest(), algorithm.digestOid());
            signer.init(true, new ParametersWithRandom(k.privateParameters(), random));
            signer.update(digest, 0, digest.length);
            return signer.generateSignature();
          }
        default:
          {
            ECPrivateKeyParameters priv = (ECPrivateKeyParameters) k.privateParameters();
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(algorithm.newDigest()));
            signer.init(true, priv);
            BigInteger[] rs = signer.generateSignature(digest);
            return StandardDSAEncoding.INSTANCE.encode(priv.getParameters().getN(), rs[0], rs[1]);
          }
      }
    } catch (java.io.IOException | org.bouncycastle.crypto.CryptoException e) {
      throw new KmsException(KmsError.INTERNAL, "Signing failed");
    }
  }

  /**
   * Verify. Returns normally if the signature is valid.
   *
   * @throws KmsException KMSInvalidSignatureException if it is not (including signatures that are
   *     not canonical DER for ECDSA), plus the errors of {@link #sign}
   */
  public void verify(
      KeyMaterial key,
      KeyUsage usage,
      SigningAlgorithm algorithm,
      MessageType messageType,
      byte[] message,
      byte[] signature) {
    AsymmetricKeyMaterial k = forSigning(key, usage, algorithm);
    byte[] digest = digest(algorithm, messageType, message);
    if (signature == null || signature.length == 0 || signature.length > 6144) {
      throw KmsException.validation("Signature must be 1 to 6144 bytes long");
    }
    boolean valid;
    try {
      switch (algorithm.scheme()) {
        case PSS:
          {
            PSSSigner verifier = pss(algorithm);
            verifier.init(false, k.publicParameters());
            verifier.update(digest, 0, digest.length);
            valid = verifier.verifySignature(signature);
            break;
          }
        case PKCS1:
          {
            RSADigestSigner verifier = new RSADigestSigner(new NullDigest(), algorithm.digestOid());
            verifier.init(false, k.publicParameters());
            verifier.update(digest, 0, digest.length);
            valid = verifier.verifySignature(signature);
            break;
          }
        default:
          {
            ECPublicKeyParameters pub = (ECPublicKeyParameters) k.publicParameters();
            BigInteger[] rs =
                StandardDSAEncoding.INSTANCE.decode(pub.getParameters().getN(), signature);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, pub);
            valid = verifier.verifySignature(digest, rs[0], rs[1]);
          }
      }
    } catch (java.io.IOException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new KmsException(
          KmsError.INVALID_SIGNATURE,
          "The signature is not valid for this key, message and signing algorithm");
    }
  }

  private static PSSSigner pss(SigningAlgorithm algorithm) {
    return PSSSigner.createRawSigner(
        new RSABlindedEngine(),
        algorithm.newDigest(),
        algorithm.newDigest(),
        algorithm.digestLength(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static AsymmetricKeyMaterial forSigning(
      KeyMaterial key, KeyUsage usage, SigningAlgorithm algorithm) {
    requireUsage(key, usage, KeyUsage.SIGN_VERIFY);
    if (!(key instanceof AsymmetricKeyMaterial a)
        || !key.spec().signingAlgorithms().contains(algorithm)) {
      throw incompatible("Signing algorithm " + algorithm, key.spec());
    }
    key.checkUsable();
    return a;
  }

  private static byte[] digest(SigningAlgorithm algorithm, MessageType type, byte[] message) {
    if (type == null) {
      throw KmsException.validation("MessageType must be RAW or DIGEST");
    }
    if (type == MessageType.DIGEST) {
      if (message == null || message.length != algorithm.digestLength()) {
        throw KmsException.validation(
            "Digest is invalid length for algorithm "
                + algorithm
                + ": expected "
                + algorithm.digestLength()
                + " bytes");
      }
      return message;
    }
    if (message == null || message.length == 0 || message.length > MAX_MESSAGE) {
      throw KmsException.validation("Message must be 1 to " + MAX_MESSAGE + " bytes long");
    }
    try {
      return MessageDigest.getInstance(algorithm.digestName()).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- MAC

  /**
   * GenerateMac.
   *
   * @throws KmsException InvalidKeyUsageException unless the key is a GENERATE_VERIFY_MAC key whose
   *     spec matches the algorithm; ValidationException for a message outside 1..4096 bytes
   */
  public byte[] generateMac(
      KeyMaterial key, KeyUsage usage, MacAlgorithm algorithm, byte[] message) {
    return mac(forMac(key, usage, algorithm), algorithm, message);
  }

  /**
   * VerifyMac, comparing in constant time. Returns normally if the MAC is valid.
   *
   * @throws KmsException KMSInvalidMacException if it is not, plus the errors of {@link
   *     #generateMac}
   */
  public void verifyMac(
      KeyMaterial key, KeyUsage usage, MacAlgorithm algorithm, byte[] message, byte[] mac) {
    byte[] expected = mac(forMac(key, usage, algorithm), algorithm, message);
    if (mac == null || mac.length == 0 || mac.length > 6144) {
      throw KmsException.validation("Mac must be 1 to 6144 bytes long");
    }
    boolean valid = MessageDigest.isEqual(expected, mac);
    Arrays.fill(expected, (byte) 0);
    if (!valid) {
      throw new KmsException(
          KmsError.INVALID_MAC, "The MAC is not valid for this key, message and MAC algorithm");
    }
  }

  private static byte[] mac(HmacKeyMaterial key, MacAlgorithm algorithm, byte[] message) {
    if (message == null || message.length == 0 || message.length > MAX_MESSAGE) {
      throw KmsException.validation("Message must be 1 to " + MAX_MESSAGE + " bytes long");
    }
    Mac[] macs = MACS.get();
    Mac mac = macs[algorithm.ordinal()];
    try {
      if (mac == null) {
        mac = Mac.getInstance(algorithm.jcaName());
        macs[algorithm.ordinal()] = mac;
      }
      mac.init(key.jcaKey());
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new KmsException(KmsError.INTERNAL, "HMAC computation failed");
    }
  }

  private static HmacKeyMaterial forMac(KeyMaterial key, KeyUsage usage, MacAlgorithm algorithm) {
    requireUsage(key, usage, KeyUsage.GENERATE_VERIFY_MAC);
    if (!(key instanceof HmacKeyMaterial h) || !key.spec().macAlgorithms().contains(algorithm)) {
      throw incompatible("MAC algorithm " + algorithm, key.spec());
    }
    return h;
  }

  // ---------------------------------------------------------------- checks

  private static void requireUsage(KeyMaterial key, KeyUsage usage, KeyUsage needed) {
    key.checkUsable();
    if (usage != needed || !key.spec().keyUsages().contains(usage)) {
      throw new KmsException(
          KmsError.INVALID_KEY_USAGE,
          "The operation requires KeyUsage " + needed + "; the key's KeyUsage is " + usage);
    }
  }

  private static KmsException incompatible(String what, KeySpec spec) {
    return new KmsException(
        KmsError.INVALID_KEY_USAGE, what + " is not compatible with key spec " + spec);
  }

  private static Cipher newAesGcm() {
    try {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      } catch (NoSuchProviderException e) {
        return Cipher.getInstance("AES/GCM/NoPadding");
      }
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }
}
