package dev.keyvet.runtime.server;

import static dev.keyvet.runtime.server.ServerFixtures.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlgorithmSpec;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MultiRegionKeyType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.WrappingKeySpec;

/**
 * The operations of imported key material, primary Region moves and key pairs without plaintext,
 * driven through the AWS SDK for Java v2 against the server.
 */
class KmsServerSdkImportTest {
  private static KeyStore store;
  private static KmsServer server;
  private static KmsClient admin;

  @BeforeAll
  static void start() throws Exception {
    store = KeyStore.builder().world(ServerFixtures.world()).audit(new InMemoryAudit()).build();
    server = KmsServer.builder().store(store).credentials(ServerFixtures.credentials()).start();
    admin = ServerFixtures.client(server, ADMIN_KEY);
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
    store.close();
  }

  /** Wraps {@code material} as AWS documents for RSAES_OAEP_SHA_256: OAEP with SHA-256 and MGF1. */
  private static SdkBytes wrap(GetParametersForImportResponse params, byte[] material)
      throws Exception {
    PublicKey wrapping =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(params.publicKey().asByteArray()));
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.ENCRYPT_MODE,
        wrapping,
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    return SdkBytes.fromByteArray(oaep.doFinal(material));
  }

  private static GetParametersForImportResponse parameters(String keyId) {
    return admin.getParametersForImport(
        r ->
            r.keyId(keyId)
                .wrappingAlgorithm(AlgorithmSpec.RSAES_OAEP_SHA_256)
                .wrappingKeySpec(WrappingKeySpec.RSA_2048));
  }

  private static String errorCode(Throwable e) {
    return ((KmsException) e).awsErrorDetails().errorCode();
  }

  @Test
  void importedMaterial_isImportedUsedDeletedAndReimported() throws Exception {
    String key = admin.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata().keyId();
    assertThat(admin.describeKey(r -> r.keyId(key)).keyMetadata().keyState())
        .isEqualTo(KeyState.PENDING_IMPORT);
    assertThatThrownBy(
            () -> admin.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("x"))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("KMSInvalidStateException"));

    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    GetParametersForImportResponse params = parameters(key);
    assertThat(params.parametersValidTo()).isAfter(Instant.now().plus(23, ChronoUnit.HOURS));
    Instant validTo = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    SdkBytes wrapped = wrap(params, material);
    admin.importKeyMaterial(
        r ->
            r.keyId(key)
                .importToken(params.importToken())
                .encryptedKeyMaterial(wrapped)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES)
                .validTo(validTo));
    var imported = admin.describeKey(r -> r.keyId(key)).keyMetadata();
    assertThat(imported.keyState()).isEqualTo(KeyState.ENABLED);
    assertThat(imported.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);
    assertThat(imported.validTo()).isEqualTo(validTo);
    SdkBytes blob =
        admin
            .encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("imported")))
            .ciphertextBlob();
    assertThat(admin.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
        .isEqualTo("imported");

    // A token is bound to its key and the material to its wrapping key.
    String other = admin.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata().keyId();
    assertThatThrownBy(
            () ->
                admin.importKeyMaterial(
                    r ->
                        r.keyId(other)
                            .importToken(params.importToken())
                            .encryptedKeyMaterial(wrapped)
                            .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)))
        .isInstanceOf(KmsException.class);

    admin.deleteImportedKeyMaterial(r -> r.keyId(key));
    assertThat(admin.describeKey(r -> r.keyId(key)).keyMetadata().keyState())
        .isEqualTo(KeyState.PENDING_IMPORT);
    assertThatThrownBy(() -> admin.decrypt(r -> r.ciphertextBlob(blob)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("KMSInvalidStateException"));

    // Other material cannot stand in for the key's; the same material brings the key back.
    byte[] wrong = new byte[32];
    new SecureRandom().nextBytes(wrong);
    GetParametersForImportResponse again = parameters(key);
    SdkBytes wrappedWrong = wrap(again, wrong);
    assertThatThrownBy(
            () ->
                admin.importKeyMaterial(
                    r ->
                        r.keyId(key)
                            .importToken(again.importToken())
                            .encryptedKeyMaterial(wrappedWrong)
                            .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("IncorrectKeyMaterialException"));
    GetParametersForImportResponse third = parameters(key);
    SdkBytes rewrapped = wrap(third, material);
    admin.importKeyMaterial(
        r ->
            r.keyId(key)
                .importToken(third.importToken())
                .encryptedKeyMaterial(rewrapped)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
    assertThat(admin.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
        .isEqualTo("imported");
  }

  @Test
  void updatePrimaryRegion_movesThePrimaryToTheReplica() {
    String key = admin.createKey(r -> r.multiRegion(true)).keyMetadata().keyId();
    admin.replicateKey(r -> r.keyId(key).replicaRegion("eu-west-1"));
    admin.updatePrimaryRegion(r -> r.keyId(key).primaryRegion("eu-west-1"));
    try (KmsClient eu =
        ServerFixtures.client(
            server, ADMIN_KEY, ServerFixtures.secret(ADMIN_KEY), Region.EU_WEST_1)) {
      var md = eu.describeKey(r -> r.keyId(key)).keyMetadata();
      assertThat(md.multiRegionConfiguration().multiRegionKeyType())
          .isEqualTo(MultiRegionKeyType.PRIMARY);
      assertThat(md.multiRegionConfiguration().primaryKey().region()).isEqualTo("eu-west-1");
    }
    assertThat(
            admin
                .describeKey(r -> r.keyId(key))
                .keyMetadata()
                .multiRegionConfiguration()
                .multiRegionKeyType())
        .isEqualTo(MultiRegionKeyType.REPLICA);
  }

  @Test
  void generateDataKeyPairWithoutPlaintext_givesThePublicKey_andAnEncryptedPrivateKey()
      throws Exception {
    String key = admin.createKey(r -> r.description("pairs")).keyMetadata().keyId();
    var pair =
        admin.generateDataKeyPairWithoutPlaintext(
            r -> r.keyId(key).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256));
    PublicKey pub =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(pair.publicKey().asByteArray()));
    assertThat(pub.getAlgorithm()).isEqualTo("EC");
    byte[] pkcs8 =
        admin
            .decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob()))
            .plaintext()
            .asByteArray();
    assertThat(
            KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8))
                .getAlgorithm())
        .isEqualTo("EC");
  }
}
