package dev.keyvet.runtime.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events, keys and log files for the audit tests. */
final class AuditFixtures {
  static final String KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String CALLER = "arn:aws:sts::111122223333:assumed-role/App/session-1";
  static final Instant T0 = Instant.parse("2025-03-01T10:15:30.250Z");
  static final CheckpointKey KEY = CheckpointKey.generate(new SecureRandom());
  static final CheckpointKey OTHER_KEY = CheckpointKey.generate(new SecureRandom());

  private AuditFixtures() {}

  static AuditLog.Options options() {
    AtomicLong ids = new AtomicLong();
    return AuditLog.Options.defaults()
        .withClock(Clock.fixed(T0, ZoneOffset.UTC))
        .withEventIds(() -> new UUID(0x1234L, ids.incrementAndGet()));
  }

  static AuditEvent event(String name, int i) {
    return AuditEvent.builder(name)
        .region("us-east-1")
        .sourceIpAddress("192.0.2.10")
        .userAgent("aws-sdk-java/2.25")
        .userIdentity(UserIdentity.fromArn(CALLER))
        .requestParameters(
            Map.of("keyId", KEY_ARN, "encryptionContext", Map.of("app", "billing-" + i)))
        .responseElements(null)
        .requestId("req-" + i)
        .readOnly(false)
        .resources(List.of(AuditResource.key(KEY_ARN)))
        .recipientAccountId("111122223333")
        .decision(
            new AuditDecision(
                "ALLOW",
                List.of(
                    new AuditDecision.DecidingStatement(
                        "key policy", "key.json", "AppUse", "Allow", "key.json:12:5")),
                List.of(),
                List.of()))
        .build();
  }

  /** A closed log of {@code n} events, a checkpoint after every {@code every} records. */
  static Path writeLog(Path dir, int n, int every) throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options().withCheckpointEvery(every))) {
      for (int i = 1; i <= n; i++) {
        log.append(event(i % 2 == 0 ? "Decrypt" : "Encrypt", i));
      }
    }
    return dir.resolve(AuditFormat.fileName(1));
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static AuditVerifier.Report verify(Path dir) throws IOException {
    return new AuditVerifier(KEY.publicKey()).verify(dir);
  }
}
