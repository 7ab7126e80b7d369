package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.CRYPTO;
import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GetParametersForImport and ImportKeyMaterial's unwrapping. */
class KeyImportTest {
  private static final String KEY_ID = "0a1b2c3d-0000-4000-8000-000000000001";
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final SecureRandom RANDOM = TestKeys.random(11);
  private static final KeyImport IMPORT = new KeyImport(new byte[32], RANDOM);
  private static ImportParameters oaep256;

  @BeforeAll
  static void parameters() {
    oaep256 =
        IMPORT.parametersForImport(
            KEY_ID, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, NOW);
  }

  private static byte[] material(int length) {
    byte[] m = new byte[length];
    for (int i = 0; i < length; i++) {
      m[i] = (byte) (i * 7 + 1);
    }
    return m;
  }

  @Test
  void parameters_validFor24Hours_withRsaPublicKey() throws Exception {
    assertThat(oaep256.parametersValidTo()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    RSAPublicKey pub =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(oaep256.publicKey()));
    assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
    assertThat(oaep256.toString()).doesNotContain(Arrays.toString(oaep256.importToken()));
  }

  @Test
  void symmetricMaterial_wrappedWithTheJdkAsAwsDocumentsIt_importsAndEncrypts() throws Exception {
    byte[] secret = material(32);
    Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");
    jdk.init(
        Cipher.ENCRYPT_MODE,
        KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(oaep256.publicKey())),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] wrapped = jdk.doFinal(secret);
    KeyMaterial imported =
        IMPORT.importKeyMaterial(
            KEY_ID, KeySpec.SYMMETRIC_DEFAULT, oaep256.importToken(), wrapped, NOW.plusSeconds(60));
    assertThat(imported).isInstanceOf(SymmetricKeyMaterial.class);
    assertThat(imported.secretBytes()).isEqualTo(secret);

    CiphertextHeader header = new CiphertextHeader(KEY_ID, 0, "us-east-1");
    byte[] blob = CRYPTO.encrypt((SymmetricKeyMaterial) imported, header, Map.of(), secret);
    assertThat(
            CRYPTO.decrypt(
                (SymmetricKeyMaterial) imported,
                CiphertextBlob.parse(blob),
                KEY_ID,
                "us-east-1",
                null))
        .isEqualTo(secret);
  }

  @ParameterizedTest
  @EnumSource(WrappingAlgorithm.class)
  void everyWrappingAlgorithm_roundTrips(WrappingAlgorithm algorithm) {
    ImportParameters p =
        IMPORT.parametersForImport(KEY_ID, algorithm, WrappingKeySpec.RSA_2048, NOW);
    byte[] secret = material(32);
    byte[] wrapped = KeyImport.wrapForImport(p.publicKey(), algorithm, secret, RANDOM);
    KeyMaterial m =
        IMPORT.importKeyMaterial(KEY_ID, KeySpec.SYMMETRIC_DEFAULT, p.importToken(), wrapped, NOW);
    assertThat(m.secretBytes()).isEqualTo(secret);

    byte[] hmac = material(64);
    byte[] wrappedHmac = KeyImport.wrapForImport(p.publicKey(), algorithm, hmac, RANDOM);
    assertThat(
            IMPORT
                .importKeyMaterial(KEY_ID, KeySpec.HMAC_512, p.importToken(), wrappedHmac, NOW)
                .secretBytes())
        .isEqualTo(hmac);
  }

  @Test
  void asymmetricMaterial_importsWithAesKeyWrap() {
    ImportParameters p =
        IMPORT.parametersForImport(
            KEY_ID, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_3072, NOW);
    KeyMaterial original = TestKeys.key(KeySpec.RSA_2048);
    byte[] wrapped =
        KeyImport.wrapForImport(
            p.publicKey(),
            WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
            original.secretBytes(),
            RANDOM);
    KeyMaterial imported =
        IMPORT.importKeyMaterial(KEY_ID, KeySpec.RSA_2048, p.importToken(), wrapped, NOW);
    assertThat(CRYPTO.publicKey(imported)).isEqualTo(CRYPTO.publicKey(original));
    // An RSA-2048 private key does not fit in RSA_3072 or an EC spec.
    assertKmsError(
        () -> IMPORT.importKeyMaterial(KEY_ID, KeySpec.RSA_3072, p.importToken(), wrapped, NOW),
        "IncorrectKeyMaterialException");
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(KEY_ID, KeySpec.ECC_NIST_P256, p.importToken(), wrapped, NOW),
        "IncorrectKeyMaterialException");
  }

  @Test
  void wrongLength_isIncorrectKeyMaterial() {
    for (int length : new int[] {16, 31, 33}) {
      byte[] wrapped =
          KeyImport.wrapForImport(
              oaep256.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(length), RANDOM);
      KmsException e =
          assertKmsError(
              () ->
                  IMPORT.importKeyMaterial(
                      KEY_ID, KeySpec.SYMMETRIC_DEFAULT, oaep256.importToken(), wrapped, NOW),
              "IncorrectKeyMaterialException");
      assertThat(e.getMessage()).contains("32 bytes");
    }
    byte[] shortHmac =
        KeyImport.wrapForImport(
            oaep256.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(47), RANDOM);
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                KEY_ID, KeySpec.HMAC_384, oaep256.importToken(), shortHmac, NOW),
        "IncorrectKeyMaterialException");
  }

  @Test
  void tokenExpiresAfter24Hours() {
    byte[] wrapped =
        KeyImport.wrapForImport(
            oaep256.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(32), RANDOM);
    IMPORT.importKeyMaterial(
        KEY_ID,
        KeySpec.SYMMETRIC_DEFAULT,
        oaep256.importToken(),
        wrapped,
        NOW.plus(Duration.ofHours(24)).minusMillis(1));
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                KEY_ID,
                KeySpec.SYMMETRIC_DEFAULT,
                oaep256.importToken(),
                wrapped,
                NOW.plus(Duration.ofHours(24))),
        "ExpiredImportTokenException");
  }

  @Test
  void tokenIsBoundToKeyAndAuthenticated() {
    byte[] wrapped =
        KeyImport.wrapForImport(
            oaep256.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(32), RANDOM);
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                "0a1b2c3d-0000-4000-8000-000000000002",
                KeySpec.SYMMETRIC_DEFAULT,
                oaep256.importToken(),
                wrapped,
                NOW),
        "InvalidImportTokenException");
    byte[] token = oaep256.importToken();
    for (int i : new int[] {0, 5, token.length / 2, token.length - 1}) {
      byte[] tampered = token.clone();
      tampered[i] ^= 1;
      assertKmsError(
          () -> IMPORT.importKeyMaterial(KEY_ID, KeySpec.SYMMETRIC_DEFAULT, tampered, wrapped, NOW),
          "InvalidImportTokenException");
    }
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                KEY_ID, KeySpec.SYMMETRIC_DEFAULT, Arrays.copyOf(token, 40), wrapped, NOW),
        "InvalidImportTokenException");
    KeyImport restarted = new KeyImport(new byte[32], RANDOM);
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    KeyImport foreign = new KeyImport(otherKey, RANDOM);
    assertKmsError(
        () -> foreign.importKeyMaterial(KEY_ID, KeySpec.SYMMETRIC_DEFAULT, token, wrapped, NOW),
        "InvalidImportTokenException");
    assertThat(
            restarted
                .importKeyMaterial(KEY_ID, KeySpec.SYMMETRIC_DEFAULT, token, wrapped, NOW)
                .secretBytes())
        .isEqualTo(material(32));
  }

  @Test
  void materialWrappedForAnotherWrappingKey_isInvalidCiphertext() {
    ImportParameters other =
        IMPORT.parametersForImport(
            KEY_ID, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, NOW);
    byte[] wrapped =
        KeyImport.wrapForImport(
            other.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(32), RANDOM);
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                KEY_ID, KeySpec.SYMMETRIC_DEFAULT, oaep256.importToken(), wrapped, NOW),
        "InvalidCiphertextException");
    byte[] corrupted =
        KeyImport.wrapForImport(
            oaep256.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(32), RANDOM);
    corrupted[100] ^= 1;
    assertKmsError(
        () ->
            IMPORT.importKeyMaterial(
                KEY_ID, KeySpec.SYMMETRIC_DEFAULT, oaep256.importToken(), corrupted, NOW),
        "InvalidCiphertextException");
    assertThat(new String(oaep256.importToken(), StandardCharsets.ISO_8859_1))
        .doesNotContain("RSAES_OAEP_SHA_256");
  }
}
