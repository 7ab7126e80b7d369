package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.DENIED;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.crypto.KeyImport;
import dev.keyvet.runtime.crypto.WrappingAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported key material through the store: parameters, import, expiry, deletion, rotation. */
class ImportedMaterialTest {
  private static final byte[] SECRET = "imported".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom rng = new SecureRandom();
  private Fixtures.ManualClock clock;
  private InMemoryAudit audit;
  private KeyStore store;
  private String key;

  @BeforeEach
  void setUp() {
    clock = new Fixtures.ManualClock();
    audit = new InMemoryAudit();
    store = KeyStore.builder().world(Fixtures.world()).audit(audit).clock(clock).build();
    key = external(store);
  }

  private static String external(KeyStore s) {
    return s.createKey(
            as(ADMIN),
            Kms.CreateKeyRequest.defaults()
                .withPolicy(KeyStoreTest.SHARED_POLICY)
                .withOrigin("EXTERNAL"))
        .arn();
  }

  private byte[] material() {
    byte[] m = new byte[32];
    rng.nextBytes(m);
    return m;
  }

  private void importInto(KeyStore s, String k, byte[] material, Instant validTo) {
    Kms.ImportParameters p =
        s.getParametersForImport(as(ADMIN), k, "RSAES_OAEP_SHA_256", "RSA_2048");
    byte[] wrapped =
        KeyImport.wrapForImport(p.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material, rng);
    s.importKeyMaterial(
        as(ADMIN), new Kms.ImportKeyMaterialRequest(k, p.importToken(), wrapped, validTo, null));
  }

  private String state() {
    return store.describeKey(as(ADMIN), key).keyState();
  }

  private static void fails(ThrowingCallable call, String error) {
    assertThatThrownBy(call)
        .isInstanceOf(KmsException.class)
        .extracting(e -> ((KmsException) e).errorName())
        .isEqualTo(error);
  }

  private byte[] encrypt() {
    return store.encrypt(as(ADMIN), Kms.EncryptRequest.of(key, SECRET, Map.of())).ciphertextBlob();
  }

  private byte[] decrypt(byte[] blob) {
    return store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of())).plaintext();
  }

  @Test
  void pendingImport_thenImported_thenExpired_thenReimported() {
    assertThat(state()).isEqualTo("PendingImport");
    fails(this::encrypt, "KMSInvalidStateException");
    byte[] m = material();
    importInto(store, key, m, clock.now().plus(Duration.ofDays(1)));
    assertThat(state()).isEqualTo("Enabled");
    byte[] blob = encrypt();
    assertThat(decrypt(blob)).isEqualTo(SECRET);

    clock.advance(Duration.ofDays(2));
    fails(() -> decrypt(blob), "KMSInvalidStateException");
    assertThat(state()).isEqualTo("PendingImport");

    fails(() -> importInto(store, key, material(), null), "IncorrectKeyMaterialException");
    importInto(store, key, m, null);
    assertThat(state()).isEqualTo("Enabled");
    assertThat(decrypt(blob)).isEqualTo(SECRET);
  }

  @Test
  void deleteImportedKeyMaterial_returnsToPendingImport_andKeepsDisabledKeysPendingDeletion() {
    importInto(store, key, material(), null);
    store.deleteImportedKeyMaterial(as(ADMIN), key);
    assertThat(state()).isEqualTo("PendingImport");
    // again: no effect
    store.deleteImportedKeyMaterial(as(ADMIN), key);
    assertThat(state()).isEqualTo("PendingImport");
    store.scheduleKeyDeletion(as(ADMIN), key, 7);
    store.deleteImportedKeyMaterial(as(ADMIN), key);
    assertThat(state()).isEqualTo("PendingDeletion");
    fails(
        () -> store.getParametersForImport(as(ADMIN), key, "RSAES_OAEP_SHA_256", "RSA_2048"),
        "KMSInvalidStateException");
  }

  @Test
  void importedKeys_rotateOnlyByHand_andOnlyWithNewMaterial() {
    importInto(store, key, material(), null);
    byte[] first = encrypt();
    fails(() -> store.rotateKeyOnDemand(as(ADMIN), key), "UnsupportedOperationException");
    fails(() -> store.enableKeyRotation(as(ADMIN), key, 365), "UnsupportedOperationException");
    importInto(store, key, material(), null);
    // new material waits; the current material still encrypts
    assertThat(store.listKeyRotations(as(ADMIN), key, null, null).items()).isEmpty();
    store.rotateKeyOnDemand(as(ADMIN), key);
    assertThat(store.listKeyRotations(as(ADMIN), key, null, null).items()).hasSize(1);
    byte[] second = encrypt();
    assertThat(decrypt(first)).isEqualTo(SECRET);
    assertThat(decrypt(second)).isEqualTo(SECRET);
    fails(() -> store.rotateKeyOnDemand(as(ADMIN), key), "UnsupportedOperationException");
  }

  @Test
  void kmsMadeKeys_takeNoImports_andTokensAreBoundToKeyAndTime() {
    String own =
        store
            .createKey(
                as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
            .arn();
    fails(
        () -> store.getParametersForImport(as(ADMIN), own, "RSAES_OAEP_SHA_256", "RSA_2048"),
        "UnsupportedOperationException");
    fails(() -> store.deleteImportedKeyMaterial(as(ADMIN), own), "UnsupportedOperationException");

    String other = external(store);
    Kms.ImportParameters p =
        store.getParametersForImport(as(ADMIN), key, "RSAES_OAEP_SHA_256", "RSA_2048");
    assertThat(p.parametersValidTo()).isEqualTo(clock.now().plus(Duration.ofHours(24)));
    byte[] wrapped =
        KeyImport.wrapForImport(
            p.publicKey(), WrappingAlgorithm.RSAES_OAEP_SHA_256, material(), rng);
    fails(
        () ->
            store.importKeyMaterial(
                as(ADMIN),
                new Kms.ImportKeyMaterialRequest(other, p.importToken(), wrapped, null, null)),
        "InvalidImportTokenException");
    clock.advance(Duration.ofHours(25));
    fails(
        () ->
            store.importKeyMaterial(
                as(ADMIN),
                new Kms.ImportKeyMaterialRequest(key, p.importToken(), wrapped, null, null)),
        "ExpiredImportTokenException");
    fails(
        () ->
            store.importKeyMaterial(
                as(ADMIN),
                new Kms.ImportKeyMaterialRequest(
                    key, p.importToken(), wrapped, null, "KEY_MATERIAL_EXPIRES")),
        "ValidationException");
    assertThat(state()).isEqualTo("PendingImport");
  }

  @Test
  void importsAreAuthorized_andAuditedWithoutSecrets() {
    fails(
        () -> store.getParametersForImport(as(DENIED), key, "RSAES_OAEP_SHA_256", "RSA_2048"),
        "AccessDeniedException");
    assertThat(audit.last().operation()).isEqualTo("GetParametersForImport");
    assertThat(audit.last().decision()).isEqualTo("IMPLICIT_DENY");
    fails(() -> store.deleteImportedKeyMaterial(as(DENIED), key), "AccessDeniedException");
    importInto(store, key, material(), clock.now().plus(Duration.ofDays(30)));
    AuditSink.Record r = audit.last();
    assertThat(r.operation()).isEqualTo("ImportKeyMaterial");
    assertThat(r.errorCode()).isNull();
    assertThat(r.requestParameters())
        .containsEntry("expirationModel", "KEY_MATERIAL_EXPIRES")
        .doesNotContainKeys("importToken", "encryptedKeyMaterial");
  }

  @Test
  void importedMaterial_andItsExpiry_surviveAReopen(@TempDir Path data) {
    byte[] m = material();
    byte[] blob;
    try (KeyStore durable =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .argon2(DurableStoreTest.FAST)
            .build()) {
      String k = external(durable);
      importInto(durable, k, m, clock.now().plus(Duration.ofDays(3)));
      blob =
          durable.encrypt(as(ADMIN), Kms.EncryptRequest.of(k, SECRET, Map.of())).ciphertextBlob();
    }
    try (KeyStore durable =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .build()) {
      assertThat(durable.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of())).plaintext())
          .isEqualTo(SECRET);
      clock.advance(Duration.ofDays(4));
      fails(
          () -> durable.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of())),
          "KMSInvalidStateException");
    }
  }
}
