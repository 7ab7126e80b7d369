package dev.keyvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.AuditVerifier;
import dev.keyvet.runtime.audit.CheckpointKey;
import dev.keyvet.runtime.crypto.Sealer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a separate JVM with SIGKILL in the middle of many writes; every key and ciphertext it
 * acknowledged must still work after recovery, and the audit log must verify.
 */
class StoreCrashTest {
  @TempDir Path tmp;

  private record Ack(String key, byte[] blob, String plaintext, String n) {}

  @Test
  void everyAcknowledgedKeyDecryptsAfterSigkill() throws Exception {
    Path data = tmp.resolve("data");
    Path keyFile = tmp.resolve("root.key");
    Sealer.writeKeyFile(keyFile, new SecureRandom());
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreCrashMain.class.getName(),
                data.toString(),
                keyFile.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<Ack> acks = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (acks.size() < 60 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] f = line.split(" ");
          String n = f[3].split("-")[1];
          acks.add(new Ack(f[1], Base64.getDecoder().decode(f[2]), f[3], n));
        }
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acks).hasSizeGreaterThanOrEqualTo(60);

    try (KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .dataDirectory(data)
            .rootKeyFile(keyFile)
            .build()) {
      for (Ack a : acks) {
        Kms.DecryptResponse r =
            store.decrypt(
                Fixtures.as(Fixtures.ADMIN), Kms.DecryptRequest.of(a.blob(), Map.of("n", a.n())));
        assertThat(r.keyId()).isEqualTo(a.key());
        assertThat(new String(r.plaintext(), StandardCharsets.UTF_8)).isEqualTo(a.plaintext());
      }
      String fresh =
          store
              .createKey(
                  Fixtures.as(Fixtures.ADMIN),
                  Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
              .arn();
      byte[] blob =
          store
              .encrypt(
                  Fixtures.as(Fixtures.ADMIN),
                  Kms.EncryptRequest.of(fresh, new byte[] {1, 2, 3}, Map.of()))
              .ciphertextBlob();
      assertThat(
              store
                  .decrypt(Fixtures.as(Fixtures.ADMIN), Kms.DecryptRequest.of(blob, Map.of()))
                  .plaintext())
          .containsExactly(1, 2, 3);
    }
    AuditVerifier.Report report =
        new AuditVerifier(CheckpointKey.readPublicKey(AuditPaths.publicKey(data)))
            .verify(AuditPaths.logDirectory(data));
    assertThat(report.intact()).isTrue();
  }
}
