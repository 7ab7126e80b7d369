package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Serialization, secrecy in toString and messages, and destruction of key material. */
class KeyMaterialTest {

  @ParameterizedTest
  @EnumSource(KeySpec.class)
  void serializedForm_roundTrips_andToStringHidesTheSecret(KeySpec spec) {
    KeyMaterial m = TestKeys.key(spec);
    byte[] bytes = m.toBytes();
    assertThat(bytes[0]).isEqualTo((byte) 1);
    KeyMaterial back = KeyMaterial.fromBytes(bytes);
    assertThat(back.spec()).isEqualTo(spec);
    assertThat(back.secretBytes()).isEqualTo(m.secretBytes());
    assertThat(back.getClass()).isEqualTo(m.getClass());

    String text = m.toString();
    byte[] secret = m.secretBytes();
    assertThat(text)
        .contains(spec.name())
        .contains("secret hidden")
        .doesNotContain(HexFormat.of().formatHex(secret).substring(0, 16))
        .doesNotContain(Arrays.toString(secret).substring(0, 20))
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(secret).substring(0, 12));
  }

  @Test
  void destroy_zeroesRawKeys_andMakesMaterialUnusable() {
    KmsCrypto crypto = new KmsCrypto(TestKeys.random(1));
    SymmetricKeyMaterial aes =
        (SymmetricKeyMaterial) crypto.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    HmacKeyMaterial hmac = (HmacKeyMaterial) crypto.generateKeyMaterial(KeySpec.HMAC_256);
    KeyMaterial ec = crypto.generateKeyMaterial(KeySpec.ECC_NIST_P256);
    CiphertextHeader header = new CiphertextHeader("k", 0, "us-east-1");
    for (KeyMaterial m : new KeyMaterial[] {aes, hmac, ec}) {
      m.destroy();
      assertThat(m.isDestroyed()).isTrue();
      assertThat(m.toString()).contains("destroyed");
      assertThatThrownBy(m::toBytes).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> crypto.encrypt(aes, header, Map.of(), new byte[1]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                crypto.sign(
                    ec,
                    KeyUsage.SIGN_VERIFY,
                    SigningAlgorithm.ECDSA_SHA_256,
                    MessageType.RAW,
                    new byte[1]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void destroy_overwritesTheHeldBytes() throws Exception {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 0x5a);
    SymmetricKeyMaterial m = (SymmetricKeyMaterial) KeyMaterial.of(KeySpec.SYMMETRIC_DEFAULT, raw);
    var field = SymmetricKeyMaterial.class.getDeclaredField("key");
    field.setAccessible(true);
    byte[] held = (byte[]) field.get(m);
    assertThat(held).isNotSameAs(raw).containsOnly((byte) 0x5a);
    m.destroy();
    assertThat(held).containsOnly((byte) 0);
    assertThat(raw).containsOnly((byte) 0x5a);
  }

  @Test
  void damagedSerializedForm_isRejectedWithoutTheBytes() {
    byte[] bytes = TestKeys.key(KeySpec.SYMMETRIC_DEFAULT).toBytes();
    assertThatThrownBy(() -> KeyMaterial.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SYMMETRIC_DEFAULT")
        .hasMessageNotContaining(HexFormat.of().formatHex(bytes, 20, 28));
    byte[] unknown = bytes.clone();
    unknown[3] = 'Z';
    assertThatThrownBy(() -> KeyMaterial.fromBytes(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key spec");
    assertThatThrownBy(() -> KeyMaterial.fromBytes(new byte[] {9, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertKmsError(
        () -> KeyMaterial.of(KeySpec.ECC_NIST_P256, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}),
        "IncorrectKeyMaterialException");
    assertKmsError(
        () ->
            KeyMaterial.of(
                KeySpec.ECC_NIST_P384, TestKeys.key(KeySpec.ECC_NIST_P256).secretBytes()),
        "IncorrectKeyMaterialException");
  }
}
