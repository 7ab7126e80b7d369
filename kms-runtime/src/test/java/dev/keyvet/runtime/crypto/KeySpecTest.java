package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The table of key specs, usages and algorithms, and AWS's error names. */
class KeySpecTest {

  @Test
  void usagesPerSpec_matchAws() {
    assertThat(KeySpec.SYMMETRIC_DEFAULT.keyUsages()).containsExactly(KeyUsage.ENCRYPT_DECRYPT);
    assertThat(KeySpec.RSA_3072.keyUsages())
        .containsExactlyInAnyOrder(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
    assertThat(KeySpec.ECC_SECG_P256K1.keyUsages()).containsExactly(KeyUsage.SIGN_VERIFY);
    assertThat(KeySpec.HMAC_384.keyUsages()).containsExactly(KeyUsage.GENERATE_VERIFY_MAC);
    assertThat(KeySpec.defaultUsage()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
  }

  @Test
  void algorithmsPerSpec_matchAws() {
    assertThat(KeySpec.SYMMETRIC_DEFAULT.encryptionAlgorithms())
        .containsExactly(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
    assertThat(KeySpec.RSA_2048.encryptionAlgorithms())
        .containsExactly(
            EncryptionAlgorithm.RSAES_OAEP_SHA_1, EncryptionAlgorithm.RSAES_OAEP_SHA_256);
    assertThat(KeySpec.RSA_4096.signingAlgorithms()).hasSize(6);
    assertThat(KeySpec.ECC_NIST_P256.signingAlgorithms())
        .containsExactly(SigningAlgorithm.ECDSA_SHA_256);
    assertThat(KeySpec.ECC_NIST_P384.signingAlgorithms())
        .containsExactly(SigningAlgorithm.ECDSA_SHA_384);
    assertThat(KeySpec.ECC_NIST_P521.signingAlgorithms())
        .containsExactly(SigningAlgorithm.ECDSA_SHA_512);
    assertThat(KeySpec.ECC_SECG_P256K1.signingAlgorithms())
        .containsExactly(SigningAlgorithm.ECDSA_SHA_256);
    assertThat(KeySpec.HMAC_224.macAlgorithms()).containsExactly(MacAlgorithm.HMAC_SHA_224);
    assertThat(KeySpec.HMAC_512.macAlgorithms()).containsExactly(MacAlgorithm.HMAC_SHA_512);
    assertThat(KeySpec.HMAC_256.signingAlgorithms()).isEmpty();
    assertThat(KeySpec.ECC_NIST_P256.encryptionAlgorithms()).isEmpty();
  }

  @Test
  void oaepPlaintextLimits_matchAws() {
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_1.maxPlaintextLength(KeySpec.RSA_2048))
        .isEqualTo(214);
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_256.maxPlaintextLength(KeySpec.RSA_2048))
        .isEqualTo(190);
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_1.maxPlaintextLength(KeySpec.RSA_3072))
        .isEqualTo(342);
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_256.maxPlaintextLength(KeySpec.RSA_3072))
        .isEqualTo(318);
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_1.maxPlaintextLength(KeySpec.RSA_4096))
        .isEqualTo(470);
    assertThat(EncryptionAlgorithm.RSAES_OAEP_SHA_256.maxPlaintextLength(KeySpec.RSA_4096))
        .isEqualTo(446);
  }

  @Test
  void invalidCombinationAtCreation_isValidationException() {
    KeySpec.RSA_2048.requireValidUsage(KeyUsage.SIGN_VERIFY);
    assertKmsError(
        () -> KeySpec.ECC_NIST_P256.requireValidUsage(KeyUsage.ENCRYPT_DECRYPT),
        "ValidationException");
    assertKmsError(
        () -> KeySpec.HMAC_256.requireValidUsage(KeyUsage.ENCRYPT_DECRYPT), "ValidationException");
  }

  @Test
  void parse_isCaseSensitive_andFailsWithValidationException() {
    assertThat(KeySpec.parse("ECC_SECG_P256K1")).isEqualTo(KeySpec.ECC_SECG_P256K1);
    assertThat(SigningAlgorithm.parse("RSASSA_PSS_SHA_384"))
        .isEqualTo(SigningAlgorithm.RSASSA_PSS_SHA_384);
    KmsException e = assertKmsError(() -> KeySpec.parse("rsa_2048"), "ValidationException");
    assertThat(e.getMessage()).contains("'rsa_2048'").contains("RSA_2048");
    assertKmsError(() -> MessageType.parse(null), "ValidationException");
  }

  @Test
  void errorNames_areAwsNames() {
    assertThat(Arrays.stream(KmsError.values()).map(KmsError::awsName))
        .containsExactly(
            "ValidationException",
            "InvalidKeyUsageException",
            "InvalidCiphertextException",
            "IncorrectKeyException",
            "KMSInvalidSignatureException",
            "KMSInvalidMacException",
            "InvalidImportTokenException",
            "ExpiredImportTokenException",
            "IncorrectKeyMaterialException",
            "UnsupportedOperationException",
            "KMSInternalException");
    assertThat(new KmsException(KmsError.INVALID_MAC, "m"))
        .hasToString("KMSInvalidMacException: m");
  }
}
