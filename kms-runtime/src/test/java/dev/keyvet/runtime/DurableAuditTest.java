package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.DENIED;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.AuditVerifier;
import dev.keyvet.runtime.audit.CheckpointKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store writing its audit to the durable log: verifiable, complete, without secrets. */
class DurableAuditTest {
  @TempDir Path data;

  @Test
  void everyCall_allowedOrDenied_isOneVerifiableRecord_withoutPlaintext() throws Exception {
    byte[] secret = "the launch codes".getBytes(StandardCharsets.UTF_8);
    String key;
    try (DurableAudit audit = DurableAudit.open(data, new Fixtures.ManualClock())) {
      KeyStore store =
          KeyStore.builder()
              .world(Fixtures.world())
              .audit(audit)
              .clock(new Fixtures.ManualClock())
              .build();
      key =
          store
              .createKey(
                  as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
              .arn();
      byte[] blob =
          store
              .encrypt(as(ADMIN), Kms.EncryptRequest.of(key, secret, Map.of("dept", "a")))
              .ciphertextBlob();
      assertThatThrownBy(
              () -> store.encrypt(as(DENIED), Kms.EncryptRequest.of(key, secret, Map.of())))
          .isInstanceOf(KmsException.class)
          .extracting(e -> ((KmsException) e).errorName())
          .isEqualTo("AccessDeniedException");
      assertThat(blob).isNotEmpty();
    }
    AuditVerifier.Report report =
        new AuditVerifier(CheckpointKey.readPublicKey(AuditPaths.publicKey(data)))
            .verify(AuditPaths.logDirectory(data));
    assertThat(report.intact()).isTrue();
    assertThat(report.findings()).isEmpty();
    List<String> events;
    try (Stream<Path> files = Files.list(AuditPaths.logDirectory(data))) {
      events =
          files
              .filter(p -> p.toString().endsWith(".jsonl"))
              .flatMap(
                  p -> {
                    try {
                      return Files.readAllLines(p).stream();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .filter(l -> l.contains("\"record\":\"event\""))
              .toList();
    }
    assertThat(events).hasSize(3);
    String all = String.join("\n", events);
    assertThat(all)
        .doesNotContain("the launch codes")
        .doesNotContain(Base64.getEncoder().encodeToString(secret));
    assertThat(events.get(1))
        .contains("\"eventName\":\"Encrypt\"")
        .contains("\"result\":\"ALLOW\"")
        .contains("\"sid\":\"Admins\"")
        .contains(key);
    assertThat(events.get(2))
        .contains("\"errorCode\":\"AccessDeniedException\"")
        .contains("\"result\":\"IMPLICIT_DENY\"");
  }
}
