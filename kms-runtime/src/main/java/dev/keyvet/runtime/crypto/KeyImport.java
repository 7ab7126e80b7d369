package dev.keyvet.runtime.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC5649WrapEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * GetParametersForImport and the unwrapping half of ImportKeyMaterial.
 *
 * <p>The import token is self-contained: it holds the wrapping private key, the wrapping algorithm
 * and spec, the expiry and a random token ID, encrypted and authenticated with AES-256-GCM under
 * the runtime's token key, with the key ID as additional authenticated data. So a token works only
 * for the key it was issued for, cannot be edited or extended, and the store need not keep the
 * wrapping key. Token layout: {@code 0x01} (version), 12-byte IV, then the GCM ciphertext and tag
 * of: algorithm name (length byte + ASCII), wrapping key spec name (length byte + ASCII), expiry in
 * epoch milliseconds (8 bytes, big-endian), token ID (16 bytes), PKCS#8 DER wrapping private key.
 */
public final class KeyImport {
  /** How long GetParametersForImport's token and public key stay valid. */
  public static final Duration TOKEN_VALIDITY = Duration.ofHours(24);

  private static final byte TOKEN_VERSION = 1;
  private static final int IV_LENGTH = 12;

  private final SecretKeySpec tokenKey;
  private final SecureRandom random;

  /**
   * @param tokenKey the runtime's 32-byte secret for import tokens (copied; the caller keeps it,
   *     sealed, so that tokens survive a restart)
   * @param random the source of wrapping keys and IVs
   */
  public KeyImport(byte[] tokenKey, SecureRandom random) {
    if (tokenKey == null || tokenKey.length != 32) {
      throw new IllegalArgumentException("the import token key must be 32 bytes");
    }
    this.tokenKey = new SecretKeySpec(tokenKey, "AES");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** GetParametersForImport for the key {@code keyId} at time {@code now}. */
  public ImportParameters parametersForImport(
      String keyId, WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, Instant now) {
    KeySpec spec = KeySpec.valueOf(wrappingKeySpec.name());
    RsaKeyMaterial wrapping = RsaKeyMaterial.generate(spec, random);
    Instant validTo = now.plus(TOKEN_VALIDITY);
    byte[] pkcs8 = wrapping.secretBytes();
    byte[] alg = algorithm.name().getBytes(StandardCharsets.US_ASCII);
    byte[] ks = wrappingKeySpec.name().getBytes(StandardCharsets.US_ASCII);
    byte[] plain = new byte[1 + alg.length + 1 + ks.length + 8 + 16 + pkcs8.length];
    int p = 0;
    plain[p++] = (byte) alg.length;
    System.arraycopy(alg, 0, plain, p, alg.length);
    p += alg.length;
    plain[p++] = (byte) ks.length;
    System.arraycopy(ks, 0, plain, p, ks.length);
    p += ks.length;
    long millis = validTo.toEpochMilli();
    for (int i = 7; i >= 0; i--) {
      plain[p++] = (byte) (millis >>> (8 * i));
    }
    byte[] tokenId = new byte[16];
    random.nextBytes(tokenId);
    System.arraycopy(tokenId, 0, plain, p, 16);
    p += 16;
    System.arraycopy(pkcs8, 0, plain, p, pkcs8.length);
    Arrays.fill(pkcs8, (byte) 0);

    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, tokenKey, new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad(keyId));
      byte[] sealed = cipher.doFinal(plain);
      byte[] token = new byte[1 + IV_LENGTH + sealed.length];
      token[0] = TOKEN_VERSION;
      System.arraycopy(iv, 0, token, 1, IV_LENGTH);
      System.arraycopy(sealed, 0, token, 1 + IV_LENGTH, sealed.length);
      return new ImportParameters(
          token, wrapping.publicKeyDer(), validTo, algorithm, wrappingKeySpec);
    } catch (GeneralSecurityException e) {
      throw new KmsException(KmsError.INTERNAL, "Could not create the import token");
    } finally {
      Arrays.fill(plain, (byte) 0);
      wrapping.destroy();
    }
  }

  /**
   * ImportKeyMaterial: checks the token (authentic, for {@code keyId}, not expired at {@code now}),
   * unwraps the material with the token's wrapping key and algorithm, and checks it against {@code
   * keySpec}: 32 bytes for SYMMETRIC_DEFAULT, digest length to block size for HMAC, a PKCS#8
   * private key of the right size or curve for RSA and EC. The unwrapped bytes are zeroed once the
   * material object is built.
   *
   * @throws KmsException InvalidImportTokenException, ExpiredImportTokenException,
   *     InvalidCiphertextException (cannot unwrap), IncorrectKeyMaterialException (does not fit)
   */
  public KeyMaterial importKeyMaterial(
      String keyId, KeySpec keySpec, byte[] importToken, byte[] encryptedKeyMaterial, Instant now) {
    byte[] plain = openToken(keyId, importToken);
    try {
      int p = 0;
      int algLength = plain[p++] & 0xff;
      WrappingAlgorithm algorithm =
          WrappingAlgorithm.valueOf(new String(plain, p, algLength, StandardCharsets.US_ASCII));
      p += algLength;
      int specLength = plain[p++] & 0xff;
      WrappingKeySpec wrappingSpec =
          WrappingKeySpec.valueOf(new String(plain, p, specLength, StandardCharsets.US_ASCII));
      p += specLength;
      long millis = 0;
      for (int i = 0; i < 8; i++) {
        millis = millis << 8 | (plain[p++] & 0xff);
      }
      p += 16;
      if (!now.isBefore(Instant.ofEpochMilli(millis))) {
        throw new KmsException(
            KmsError.EXPIRED_IMPORT_TOKEN, "The import token expired; call GetParametersForImport");
      }
      RsaKeyMaterial wrapping =
          (RsaKeyMaterial)
              KeyMaterial.of(
                  KeySpec.valueOf(wrappingSpec.name()), Arrays.copyOfRange(plain, p, plain.length));
      byte[] material = unwrap(wrapping, algorithm, encryptedKeyMaterial);
      wrapping.destroy();
      try {
        return KeyMaterial.of(keySpec, material);
      } finally {
        Arrays.fill(material, (byte) 0);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw invalidToken();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private byte[] unwrap(RsaKeyMaterial wrapping, WrappingAlgorithm algorithm, byte[] wrapped) {
    int k = wrapping.spec().bits() / 8;
    if (wrapped == null || wrapped.length == 0 || wrapped.length > 8192) {
      throw KmsException.validation("EncryptedKeyMaterial must be 1 to 8192 bytes long");
    }
    if (!algorithm.aesKeyWrap()) {
      return KmsCrypto.oaepDecrypt(wrapping, algorithm.oaep(), wrapped, random);
    }
    if (wrapped.length <= k) {
      throw KmsException.invalidCiphertext();
    }
    byte[] ephemeral =
        KmsCrypto.oaepDecrypt(wrapping, algorithm.oaep(), Arrays.copyOf(wrapped, k), random);
    try {
      if (ephemeral.length != 32) {
        throw KmsException.invalidCiphertext();
      }
      RFC5649WrapEngine kwp = new RFC5649WrapEngine(AESEngine.newInstance());
      kwp.init(false, new KeyParameter(ephemeral));
      return kwp.unwrap(wrapped, k, wrapped.length - k);
    } catch (InvalidCipherTextException | RuntimeException e) {
      if (e instanceof KmsException ke) {
        throw ke;
      }
      throw KmsException.invalidCiphertext();
    } finally {
      Arrays.fill(ephemeral, (byte) 0);
    }
  }

  private byte[] openToken(String keyId, byte[] token) {
    if (token == null || token.length < 1 + IV_LENGTH + 16 || token[0] != TOKEN_VERSION) {
      throw invalidToken();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, tokenKey, new GCMParameterSpec(128, token, 1, IV_LENGTH));
      cipher.updateAAD(aad(keyId));
      return cipher.doFinal(token, 1 + IV_LENGTH, token.length - 1 - IV_LENGTH);
    } catch (GeneralSecurityException e) {
      throw invalidToken();
    }
  }

  private static byte[] aad(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + id.length];
    out[0] = TOKEN_VERSION;
    System.arraycopy(id, 0, out, 1, id.length);
    return out;
  }

  private static KmsException invalidToken() {
    return new KmsException(
        KmsError.INVALID_IMPORT_TOKEN, "The import token is invalid or was issued for another key");
  }

  /**
   * The client's half: wraps {@code material} for import under the wrapping public key (DER
   * SubjectPublicKeyInfo) returned by GetParametersForImport, as the AWS documentation describes it
   * for OpenSSL. For tests and tools.
   */
  public static byte[] wrapForImport(
      byte[] wrappingPublicKey, WrappingAlgorithm algorithm, byte[] material, SecureRandom random) {
    RSAKeyParameters pub;
    try {
      pub = (RSAKeyParameters) PublicKeyFactory.createKey(wrappingPublicKey);
    } catch (IOException | RuntimeException e) {
      throw KmsException.validation("The wrapping key is not a DER-encoded RSA public key");
    }
    try {
      OAEPEncoding oaep = KmsCrypto.oaep(algorithm.oaep());
      oaep.init(true, new ParametersWithRandom(pub, random));
      if (!algorithm.aesKeyWrap()) {
        return oaep.processBlock(material, 0, material.length);
      }
      byte[] ephemeral = new byte[32];
      random.nextBytes(ephemeral);
      byte[] wrappedKey = oaep.processBlock(ephemeral, 0, ephemeral.length);
      RFC5649WrapEngine kwp = new RFC5649WrapEngine(AESEngine.newInstance());
      kwp.init(true, new KeyParameter(ephemeral));
      byte[] wrappedMaterial = kwp.wrap(material, 0, material.length);
      Arrays.fill(ephemeral, (byte) 0);
      byte[] out = Arrays.copyOf(wrappedKey, wrappedKey.length + wrappedMaterial.length);
      System.arraycopy(wrappedMaterial, 0, out, wrappedKey.length, wrappedMaterial.length);
      return out;
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw KmsException.validation("The key material is too long for " + algorithm);
    }
  }
}
