package dev.keyvet.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.runtime.audit.AuditVerifier.Report;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A separate JVM appends from four threads and prints each acknowledged request id; it is killed
 * with SIGKILL mid-stream. Every acknowledged record must be in the log, the log must verify
 * (possibly with a torn or unsigned tail), and reopening must continue the chain. With a sync
 * delay, acknowledged records are written but not yet forced: they must survive the process just
 * the same.
 */
class CrashTest {
  @TempDir Path dir;

  /** The child: appends until killed. Arguments: the log directory, the key file, the delay. */
  public static void main(String[] args) throws Exception {
    CheckpointKey key = CheckpointKey.load(Path.of(args[1]));
    AuditLog log =
        AuditLog.open(
            Path.of(args[0]),
            key,
            AuditLog.Options.defaults().withSyncDelay(Duration.ofMillis(Long.parseLong(args[2]))));
    Object out = new Object();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String id = thread + "-" + i;
                  log.append(
                      AuditEvent.builder("Encrypt")
                          .region("us-east-1")
                          .userIdentity(UserIdentity.fromArn(AuditFixtures.CALLER))
                          .requestId(id)
                          .build());
                  synchronized (out) {
                    System.out.println(id);
                    System.out.flush();
                  }
                }
              });
      th.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 200})
  void killedWriter_losesNoAcknowledgedRecord(long syncDelayMillis) throws Exception {
    Path keyFile = dir.resolve("key.pem");
    CheckpointKey key = CheckpointKey.loadOrCreate(keyFile, dir.resolve("key.pub.pem"));
    Path logDir = dir.resolve("audit");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashTest.class.getName(),
                logDir.toString(),
                keyFile.toString(),
                Long.toString(syncDelayMillis))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Set<String> acknowledged = new HashSet<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 400 && (line = r.readLine()) != null) {
        acknowledged.add(line);
      }
      p.toHandle().destroyForcibly(); // SIGKILL on Linux; keeps the pipe open to drain it
      p.waitFor(30, TimeUnit.SECONDS);
      while ((line = r.readLine()) != null) {
        acknowledged.add(line);
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);

    Report crashed = new AuditVerifier(key.publicKey()).verify(logDir);
    assertThat(crashed.intact()).as("%s", crashed.findings()).isTrue();
    Set<String> logged = new HashSet<>();
    for (Path f : AuditFormat.logFiles(logDir)) {
      for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (l.endsWith("}")) {
          JsonNode j = AuditFormat.READER.readTree(l);
          if (j.has("requestID")) {
            logged.add(j.get("requestID").asString());
          }
        }
      }
    }
    assertThat(logged).containsAll(acknowledged);

    try (AuditLog log = AuditLog.open(logDir, key, AuditLog.Options.defaults())) {
      log.append(AuditFixtures.event("Decrypt", 1));
    }
    Report after = new AuditVerifier(key.publicKey()).verify(logDir);
    assertThat(after.findings()).isEmpty();
    assertThat(List.of(after.headSequence())).allMatch(s -> s > acknowledged.size());
  }
}
