package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.APP;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.AuditVerifier;
import dev.keyvet.runtime.audit.CheckpointKey;
import dev.keyvet.runtime.crypto.Sealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's state in a data directory: reopening, damage, root keys, audit ordering. */
class DurableStoreTest {
  static final Sealer.Argon2Parameters FAST = new Sealer.Argon2Parameters(1024, 1, 1);
  private static final byte[] SECRET = "payroll".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;
  final Fixtures.ManualClock clock = new Fixtures.ManualClock();

  private KeyStore open(String passphrase) {
    return KeyStore.builder()
        .world(Fixtures.world())
        .clock(clock)
        .dataDirectory(data)
        .passphrase(passphrase.toCharArray())
        .argon2(FAST)
        .build();
  }

  private static String newKey(KeyStore store) {
    return store
        .createKey(
            as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
        .arn();
  }

  private static byte[] encrypt(KeyStore store, String key) {
    return store
        .encrypt(as(ADMIN), Kms.EncryptRequest.of(key, SECRET, Map.of("app", "pay")))
        .ciphertextBlob();
  }

  private static byte[] decrypt(KeyStore store, byte[] blob) {
    return store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of("app", "pay"))).plaintext();
  }

  private Path storeDir() {
    return data.resolve(StateLog.DIRECTORY);
  }

  private Path wal() throws IOException {
    try (Stream<Path> s = Files.list(storeDir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".kvw")).findFirst().orElseThrow();
    }
  }

  /** Name and SHA-256 of every file under the data directory. */
  private Map<String, String> fingerprint() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(data)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try {
          out.put(
              data.relativize(p).toString(),
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  private void assertAuditIntact() throws IOException {
    AuditVerifier.Report report =
        new AuditVerifier(CheckpointKey.readPublicKey(AuditPaths.publicKey(data)))
            .verify(AuditPaths.logDirectory(data));
    assertThat(report.intact()).isTrue();
  }

  @Test
  void everyKindOfState_survivesCloseAndReopen() throws IOException {
    String key;
    byte[] before;
    byte[] afterRotation;
    StoreState.Snapshot snap;
    try (KeyStore store = open("correct horse")) {
      key = newKey(store);
      before = encrypt(store, key);
      store.rotateKeyOnDemand(as(ADMIN), key);
      afterRotation = encrypt(store, key);
      store.createAlias(as(ADMIN), "alias/payroll", key);
      store.tagResource(as(ADMIN), key, Map.of("team", "pay"));
      store.createGrant(as(ADMIN), Kms.CreateGrantRequest.of(key, APP, "Decrypt"));
      store.enableKeyRotation(as(ADMIN), key, 180);
      snap = store.snapshot();
    }
    try (KeyStore store = open("correct horse")) {
      assertThat(store.recoveryNotes()).isEmpty();
      StoreState.Snapshot again = store.snapshot();
      assertThat(again.keys()).isEqualTo(snap.keys());
      assertThat(again.aliases()).isEqualTo(snap.aliases());
      assertThat(again.grantTokens()).isEqualTo(snap.grantTokens());
      assertThat(again.materials().get(0).versions()).hasSize(2);
      assertThat(again.materials().get(0).rotationPeriodDays()).isEqualTo(180);
      assertThat(decrypt(store, before)).isEqualTo(SECRET);
      assertThat(decrypt(store, afterRotation)).isEqualTo(SECRET);
      assertThat(
              store
                  .encrypt(as(ADMIN), Kms.EncryptRequest.of("alias/payroll", SECRET, Map.of()))
                  .keyId())
          .isEqualTo(key);
    }
    assertAuditIntact();
  }

  @Test
  void changesAfterTheLastSnapshot_areReplayedFromTheLog() throws IOException {
    String key;
    byte[] blob;
    KeyStore store = open("pw");
    key = newKey(store);
    blob = encrypt(store, key);
    store.rotateKeyOnDemand(as(ADMIN), key);
    store.disableKey(as(ADMIN), key);
    store.abandon();
    try (KeyStore reopened = open("pw")) {
      assertThat(reopened.describeKey(as(ADMIN), key).keyState()).isEqualTo("Disabled");
      reopened.enableKey(as(ADMIN), key);
      assertThat(decrypt(reopened, blob)).isEqualTo(SECRET);
      assertThat(reopened.listKeyRotations(as(ADMIN), key, null, null).items()).hasSize(1);
    }
  }

  @Test
  void snapshotsCompactTheLog_andTimeDrivenChangesAreLogged() throws IOException {
    String key;
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .argon2(FAST)
            .snapshotEvery(3)
            .build()) {
      key = newKey(store);
      store.enableKeyRotation(as(ADMIN), key, 90);
      for (int i = 0; i < 5; i++) {
        store.tagResource(as(ADMIN), key, Map.of("n", "" + i));
      }
      clock.advance(java.time.Duration.ofDays(91));
      // A read-only call finds the rotation due and makes it.
      encrypt(store, key);
      try (Stream<Path> s = Files.list(storeDir())) {
        assertThat(s.filter(p -> p.toString().endsWith(".kvs")).count()).isEqualTo(1);
      }
      store.abandon();
    }
    try (KeyStore store = open("pw")) {
      assertThat(store.listKeyRotations(as(ADMIN), key, null, null).items())
          .singleElement()
          .extracting(Kms.Rotation::rotationType)
          .isEqualTo("AUTOMATIC");
    }
  }

  @Test
  void keyMaterial_isNeverStoredInTheClear() throws IOException {
    List<byte[]> secrets;
    try (KeyStore store = open("pw")) {
      String key = newKey(store);
      store.rotateKeyOnDemand(as(ADMIN), key);
      secrets =
          store.snapshot().materials().stream()
              .flatMap(m -> m.versions().stream())
              .map(v -> v.material().clone())
              .toList();
      store.abandon();
    }
    assertThat(secrets).hasSize(2);
    try (Stream<Path> s = Files.walk(data)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String file = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        for (byte[] m : secrets) {
          // the raw AES key is the last 32 bytes of the serialized material
          byte[] raw = java.util.Arrays.copyOfRange(m, m.length - 32, m.length);
          assertThat(file).doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  @Test
  void theAuditCheckpointKey_isSealedUnderTheRootKey_andAPlainOneIsSealedOnOpen()
      throws IOException {
    Path sealed = dev.keyvet.runtime.audit.AuditPaths.sealedPrivateKey(data);
    Path plain = dev.keyvet.runtime.audit.AuditPaths.privateKey(data);
    Path pub = dev.keyvet.runtime.audit.AuditPaths.publicKey(data);
    try (KeyStore store = open("correct horse")) {
      encrypt(store, newKey(store));
    }
    assertThat(plain).doesNotExist();
    String sealedText = new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1);
    assertThat(sealedText).doesNotContain("PRIVATE KEY");
    String keyId =
        dev.keyvet.runtime.audit.CheckpointKey.keyId(
            dev.keyvet.runtime.audit.CheckpointKey.readPublicKey(pub));
    var verifier =
        new dev.keyvet.runtime.audit.AuditVerifier(
            dev.keyvet.runtime.audit.CheckpointKey.readPublicKey(pub));
    assertThat(verifier.verify(dev.keyvet.runtime.audit.AuditPaths.logDirectory(data)).findings())
        .isEmpty();

    // An altered sealed key does not open, and nothing is written.
    byte[] good = Files.readAllBytes(sealed);
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    Files.write(sealed, bad);
    assertThatThrownBy(() -> open("correct horse"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not open under this store's root key");
    Files.write(sealed, good);

    // A data directory of an earlier version kept the key in plain PEM: it is sealed and removed.
    Files.delete(sealed);
    Files.delete(pub);
    dev.keyvet.runtime.audit.CheckpointKey made =
        dev.keyvet.runtime.audit.CheckpointKey.loadOrCreate(plain, pub);
    try (KeyStore store = open("correct horse")) {
      encrypt(store, newKey(store));
    }
    assertThat(plain).doesNotExist();
    assertThat(sealed).exists();
    assertThat(
            dev.keyvet.runtime.audit.CheckpointKey.keyId(
                dev.keyvet.runtime.audit.CheckpointKey.readPublicKey(pub)))
        .isEqualTo(made.keyId())
        .isNotEqualTo(keyId);
  }

  @Test
  void wrongPassphrase_failsClearly_andChangesNothing() throws IOException {
    try (KeyStore store = open("right")) {
      newKey(store);
    }
    Map<String, String> before = fingerprint();
    assertThatThrownBy(() -> open("wrong"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("wrong passphrase")
        .hasMessageNotContaining("wrong\"")
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo(StoreException.Code.WRONG_ROOT_KEY);
    assertThat(fingerprint()).isEqualTo(before);
    try (KeyStore store = open("right")) {
      assertThat(store.snapshot().keys()).hasSize(1);
    }
  }

  @Test
  void keyFile_rootKey_andTheWrongKindOfRootKey() throws IOException {
    Path keyFile = data.resolveSibling(data.getFileName() + "-root.key");
    Sealer.writeKeyFile(keyFile, new SecureRandom());
    String key;
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .rootKeyFile(keyFile)
            .build()) {
      key = newKey(store);
    }
    assertThatThrownBy(() -> open("pw"))
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo(StoreException.Code.ROOT_KEY_REQUIRED);
    Path other = data.resolveSibling(data.getFileName() + "-other.key");
    Sealer.writeKeyFile(other, new SecureRandom());
    assertThatThrownBy(
            () ->
                KeyStore.builder()
                    .world(Fixtures.world())
                    .dataDirectory(data)
                    .rootKeyFile(other)
                    .build())
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo(StoreException.Code.WRONG_ROOT_KEY);
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .rootKeyFile(keyFile)
            .build()) {
      assertThat(store.describeKey(as(ADMIN), key).keyState()).isEqualTo("Enabled");
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectory_isRefused() {
    try (KeyStore store = open("pw")) {
      assertThatThrownBy(() -> open("pw"))
          .extracting(e -> ((StoreException) e).code())
          .isEqualTo(StoreException.Code.LOCKED);
      assertThat(store.snapshot().keys()).isEmpty();
    }
  }

  @Test
  void aDamagedLogEntryInTheMiddle_namesFileAndOffset_andChangesNothing() throws IOException {
    KeyStore store = open("pw");
    newKey(store);
    newKey(store);
    newKey(store);
    store.abandon();
    Path wal = wal();
    byte[] bytes = Files.readAllBytes(wal);
    bytes[40] ^= 0x5a;
    Files.write(wal, bytes);
    Map<String, String> before = fingerprint();
    assertThatThrownBy(() -> open("pw"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(wal.toString())
        .hasMessageMatching("(?s).* at byte \\d+: .*")
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo(StoreException.Code.CORRUPT);
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void anUnfinishedLastEntry_isSetAside_andTheRestRecovered() throws IOException {
    KeyStore store = open("pw");
    String key = newKey(store);
    store.abandon();
    Path wal = wal();
    byte[] whole = Files.readAllBytes(wal);
    byte[] torn = java.util.Arrays.copyOf(whole, whole.length + 30);
    System.arraycopy(whole, 13, torn, whole.length, 30);
    Files.write(wal, torn);
    try (KeyStore reopened = open("pw")) {
      assertThat(reopened.describeKey(as(ADMIN), key).keyState()).isEqualTo("Enabled");
      assertThat(reopened.recoveryNotes()).anyMatch(n -> n.contains("unfinished last entry"));
    }
    try (Stream<Path> s = Files.list(storeDir())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("wal-\\d+\\.kvw\\.torn-" + whole.length));
    }
  }

  @Test
  void aTruncatedSnapshot_namesTheFile_andChangesNothing() throws IOException {
    try (KeyStore store = open("pw")) {
      newKey(store);
    }
    Path snap;
    try (Stream<Path> s = Files.list(storeDir())) {
      snap = s.filter(p -> p.toString().endsWith(".kvs")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(snap);
    Files.write(snap, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Map<String, String> before = fingerprint();
    assertThatThrownBy(() -> open("pw"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(snap.toString())
        .extracting(e -> ((StoreException) e).code())
        .isEqualTo(StoreException.Code.CORRUPT);
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aFailedAuditAppend_leavesNoChange_inMemoryOrOnDisk() throws IOException {
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean();
    String kept;
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .argon2(FAST)
            .auditFilter(
                inner ->
                    r -> {
                      if (fail.get()) {
                        throw new IllegalStateException("disk full");
                      }
                      inner.append(r);
                    })
            .build()) {
      kept = newKey(store);
      fail.set(true);
      assertThatThrownBy(() -> newKey(store))
          .extracting(e -> ((KmsException) e).errorName())
          .isEqualTo("KMSInternalException");
      assertThatThrownBy(() -> store.disableKey(as(ADMIN), kept))
          .extracting(e -> ((KmsException) e).errorName())
          .isEqualTo("KMSInternalException");
      fail.set(false);
      assertThat(store.snapshot().keys())
          .singleElement()
          .extracting(StoreState.Key::arn)
          .isEqualTo(kept);
      assertThat(store.describeKey(as(ADMIN), kept).keyState()).isEqualTo("Enabled");
      store.abandon();
    }
    try (KeyStore store = open("pw")) {
      assertThat(store.snapshot().keys())
          .singleElement()
          .extracting(StoreState.Key::arn)
          .isEqualTo(kept);
      assertThat(store.describeKey(as(ADMIN), kept).keyState()).isEqualTo("Enabled");
    }
    assertAuditIntact();
  }

  @Test
  void theLastEntryWithoutItsAuditRecord_isNotApplied() throws IOException {
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean();
    KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .clock(clock)
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .argon2(FAST)
            .auditFilter(
                inner ->
                    r -> {
                      if (fail.get()) {
                        // the process dies between the log entry and the audit record
                        holder.abandon();
                        throw new IllegalStateException("killed");
                      }
                      inner.append(r);
                    })
            .build();
    holder = store;
    String kept = newKey(store);
    fail.set(true);
    assertThatThrownBy(() -> newKey(store)).isInstanceOf(KmsException.class);
    try (KeyStore reopened = open("pw")) {
      assertThat(reopened.snapshot().keys())
          .singleElement()
          .extracting(StoreState.Key::arn)
          .isEqualTo(kept);
      assertThat(reopened.recoveryNotes()).anyMatch(n -> n.contains("has no audit record"));
    }
  }

  private KeyStore holder;
}
