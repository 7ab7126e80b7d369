package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.DENIED;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypt and Decrypt that return before their audit record is durable, and complete after. */
class AsyncCallsTest {
  private static final byte[] DATA = "async".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> EC = Map.of("app", "pay");

  @TempDir Path data;

  private static String newKey(KeyStore store) {
    return store
        .createKey(
            as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
        .arn();
  }

  private static String errorName(CompletableFuture<?> f) {
    try {
      f.join();
      throw new AssertionError("completed normally");
    } catch (CompletionException e) {
      return ((KmsException) e.getCause()).errorName();
    }
  }

  @Test
  void asyncCalls_answerAsTheSynchronousOnes_andAreAudited() {
    InMemoryAudit audit = new InMemoryAudit();
    try (KeyStore store = KeyStore.builder().world(Fixtures.world()).audit(audit).build()) {
      String key = newKey(store);
      Kms.EncryptResponse enc =
          store.encryptAsync(as(ADMIN), Kms.EncryptRequest.of(key, DATA, EC)).join();
      assertThat(enc.keyId()).isEqualTo(key);
      assertThat(
              store.decrypt(as(ADMIN), Kms.DecryptRequest.of(enc.ciphertextBlob(), EC)).plaintext())
          .isEqualTo(DATA);
      assertThat(
              store
                  .decryptAsync(as(ADMIN), Kms.DecryptRequest.of(enc.ciphertextBlob(), EC))
                  .join()
                  .plaintext())
          .isEqualTo(DATA);
      assertThat(
              errorName(
                  store.decryptAsync(as(DENIED), Kms.DecryptRequest.of(enc.ciphertextBlob(), EC))))
          .isEqualTo("AccessDeniedException");
      assertThat(
              errorName(
                  store.decryptAsync(
                      as(ADMIN), Kms.DecryptRequest.of(enc.ciphertextBlob(), Map.of()))))
          .isEqualTo("InvalidCiphertextException");
      assertThat(audit.records())
          .extracting(AuditSink.Record::operation, AuditSink.Record::errorCode)
          .containsSubsequence(
              org.assertj.core.groups.Tuple.tuple("Encrypt", null),
              org.assertj.core.groups.Tuple.tuple("Decrypt", null),
              org.assertj.core.groups.Tuple.tuple("Decrypt", null),
              org.assertj.core.groups.Tuple.tuple("Decrypt", "AccessDeniedException"),
              org.assertj.core.groups.Tuple.tuple("Decrypt", "InvalidCiphertextException"));
    }
  }

  @Test
  void aCallWhoseRecordCannotBeWritten_fails() {
    AuditSink broken =
        r -> {
          if (r.operation().equals("Encrypt")) {
            throw new IllegalStateException("disk full");
          }
        };
    try (KeyStore store = KeyStore.builder().world(Fixtures.world()).audit(broken).build()) {
      String key = newKey(store);
      assertThat(errorName(store.encryptAsync(as(ADMIN), Kms.EncryptRequest.of(key, DATA, EC))))
          .isEqualTo("KMSInternalException");
    }
  }

  @Test
  void aDurableStore_completesEachCallOnceItsRecordIsOnDisk_withManyInFlight() {
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .dataDirectory(data)
            .passphrase("pw".toCharArray())
            .argon2(DurableStoreTest.FAST)
            .build()) {
      String key = newKey(store);
      List<CompletableFuture<Kms.EncryptResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        calls.add(
            store.encryptAsync(
                as(ADMIN).withRequestId("req-" + i), Kms.EncryptRequest.of(key, DATA, EC)));
      }
      for (int i = 0; i < calls.size(); i += 37) {
        calls.get(i).join();
        assertThat(DurableAudit.recorded(data, "req-" + i)).as("req-%d", i).isTrue();
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }
  }

  @Test
  void aCallThatFindsARotationDue_rotatesAsTheSynchronousCallWould() {
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .audit(new InMemoryAudit())
            .clock(clock)
            .build()) {
      String key = newKey(store);
      store.enableKeyRotation(as(ADMIN), key, 90);
      clock.advance(Duration.ofDays(91));
      Kms.EncryptResponse enc =
          store.encryptAsync(as(ADMIN), Kms.EncryptRequest.of(key, DATA, EC)).join();
      assertThat(store.listKeyRotations(as(ADMIN), key, null, null).items()).hasSize(1);
      assertThat(
              store
                  .decryptAsync(as(ADMIN), Kms.DecryptRequest.of(enc.ciphertextBlob(), EC))
                  .join()
                  .plaintext())
          .isEqualTo(DATA);
    }
  }
}
