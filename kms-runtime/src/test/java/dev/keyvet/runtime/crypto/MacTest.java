package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.CRYPTO;
import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static dev.keyvet.runtime.crypto.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GenerateMac and VerifyMac. */
class MacTest {
  private static final byte[] MESSAGE = "mac me".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(
      value = KeySpec.class,
      names = {"HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"})
  void generateAndVerify_matchesTheJdk(KeySpec spec) throws Exception {
    KeyMaterial k = key(spec);
    MacAlgorithm alg = spec.macAlgorithms().get(0);
    assertThat(k.secretBytes()).hasSize(spec.bits() / 8);
    byte[] mac = CRYPTO.generateMac(k, KeyUsage.GENERATE_VERIFY_MAC, alg, MESSAGE);
    assertThat(mac).hasSize(alg.macLength());
    Mac jdk = Mac.getInstance(alg.jcaName());
    jdk.init(new SecretKeySpec(k.secretBytes(), alg.jcaName()));
    assertThat(mac).isEqualTo(jdk.doFinal(MESSAGE));
    CRYPTO.verifyMac(k, KeyUsage.GENERATE_VERIFY_MAC, alg, MESSAGE, mac);

    byte[] bad = mac.clone();
    bad[0] ^= 1;
    assertKmsError(
        () -> CRYPTO.verifyMac(k, KeyUsage.GENERATE_VERIFY_MAC, alg, MESSAGE, bad),
        "KMSInvalidMacException");
    assertKmsError(
        () ->
            CRYPTO.verifyMac(
                k, KeyUsage.GENERATE_VERIFY_MAC, alg, MESSAGE, java.util.Arrays.copyOf(mac, 16)),
        "KMSInvalidMacException");
  }

  @Test
  void knownAnswer_hmacSha256_withImportedKey() {
    // RFC 4231 test case 1 with the key widened to the 32 bytes AWS requires for HMAC_256; the
    // expected value was computed independently with Python's hmac module.
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 0x0b);
    KeyMaterial k = KeyMaterial.of(KeySpec.HMAC_256, key);
    byte[] mac =
        CRYPTO.generateMac(
            k,
            KeyUsage.GENERATE_VERIFY_MAC,
            MacAlgorithm.HMAC_SHA_256,
            "Hi There".getBytes(StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
  }

  @Test
  void wrongAlgorithmOrUsage_andMessageLimits() {
    KeyMaterial k = key(KeySpec.HMAC_256);
    assertKmsError(
        () ->
            CRYPTO.generateMac(k, KeyUsage.GENERATE_VERIFY_MAC, MacAlgorithm.HMAC_SHA_512, MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () -> CRYPTO.generateMac(k, KeyUsage.ENCRYPT_DECRYPT, MacAlgorithm.HMAC_SHA_256, MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () ->
            CRYPTO.generateMac(
                k, KeyUsage.GENERATE_VERIFY_MAC, MacAlgorithm.HMAC_SHA_256, new byte[0]),
        "ValidationException");
    assertKmsError(
        () ->
            CRYPTO.generateMac(
                k, KeyUsage.GENERATE_VERIFY_MAC, MacAlgorithm.HMAC_SHA_256, new byte[4097]),
        "ValidationException");
  }
}
