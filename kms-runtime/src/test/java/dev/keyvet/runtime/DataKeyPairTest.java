package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.DENIED;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext through the store. */
class DataKeyPairTest {
  private final InMemoryAudit audit = new InMemoryAudit();
  private final KeyStore store =
      KeyStore.builder()
          .world(Fixtures.world())
          .audit(audit)
          .clock(new Fixtures.ManualClock())
          .build();
  private final String key =
      store
          .createKey(
              as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
          .arn();

  @Test
  void thePrivateKeyDecryptsUnderTheKmsKey_andMatchesThePublicKey() throws Exception {
    Map<String, String> ec = Map.of("purpose", "signing");
    Kms.DataKeyPair pair =
        store.generateDataKeyPair(
            as(ADMIN), Kms.GenerateDataKeyPairRequest.of(key, "ECC_NIST_P256", ec));
    byte[] decrypted =
        store
            .decrypt(as(ADMIN), Kms.DecryptRequest.of(pair.privateKeyCiphertextBlob(), ec))
            .plaintext();
    assertThat(decrypted).isEqualTo(pair.privateKeyPlaintext());
    KeyFactory f = KeyFactory.getInstance("EC");
    assertThat(f.generatePrivate(new PKCS8EncodedKeySpec(decrypted))).isNotNull();
    assertThat(f.generatePublic(new X509EncodedKeySpec(pair.publicKey()))).isNotNull();
    assertThat(pair.keyId()).isEqualTo(key);
    assertThat(audit.records())
        .filteredOn(r -> r.operation().equals("GenerateDataKeyPair"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.requestParameters()).containsEntry("keyPairSpec", "ECC_NIST_P256"));
    assertThat(pair.toString()).doesNotContain("privateKeyPlaintext=");
  }

  @Test
  void withoutPlaintext_returnsOnlyTheEncryptedPrivateKey() throws Exception {
    Kms.DataKeyPair pair =
        store.generateDataKeyPairWithoutPlaintext(
            as(ADMIN), Kms.GenerateDataKeyPairRequest.of(key, "RSA_2048", Map.of()));
    assertThat(pair.privateKeyPlaintext()).isNull();
    byte[] pkcs8 =
        store
            .decrypt(as(ADMIN), Kms.DecryptRequest.of(pair.privateKeyCiphertextBlob(), Map.of()))
            .plaintext();
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
        .isNotNull();
  }

  @Test
  void invalidSpec_denied_asymmetricAndDisabledKeys_fail() {
    assertThatThrownBy(
            () ->
                store.generateDataKeyPair(
                    as(ADMIN), Kms.GenerateDataKeyPairRequest.of(key, "AES_256", Map.of())))
        .extracting(e -> ((KmsException) e).errorName())
        .isEqualTo("ValidationException");
    assertThatThrownBy(
            () ->
                store.generateDataKeyPair(
                    as(DENIED), Kms.GenerateDataKeyPairRequest.of(key, "RSA_2048", Map.of())))
        .extracting(e -> ((KmsException) e).errorName())
        .isEqualTo("AccessDeniedException");
    String signing =
        store
            .createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults()
                    .withPolicy(KeyStoreTest.SHARED_POLICY)
                    .withSpec("ECC_NIST_P256", "SIGN_VERIFY"))
            .arn();
    assertThatThrownBy(
            () ->
                store.generateDataKeyPair(
                    as(ADMIN), Kms.GenerateDataKeyPairRequest.of(signing, "RSA_2048", Map.of())))
        .extracting(e -> ((KmsException) e).errorName())
        .isEqualTo("InvalidKeyUsageException");
    store.disableKey(as(ADMIN), key);
    assertThatThrownBy(
            () ->
                store.generateDataKeyPair(
                    as(ADMIN), Kms.GenerateDataKeyPairRequest.of(key, "RSA_2048", Map.of())))
        .extracting(e -> ((KmsException) e).errorName())
        .isEqualTo("DisabledException");
  }
}
