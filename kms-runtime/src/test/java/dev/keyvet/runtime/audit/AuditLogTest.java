package dev.keyvet.runtime.audit;

import static dev.keyvet.runtime.audit.AuditFixtures.KEY;
import static dev.keyvet.runtime.audit.AuditFixtures.event;
import static dev.keyvet.runtime.audit.AuditFixtures.lines;
import static dev.keyvet.runtime.audit.AuditFixtures.options;
import static dev.keyvet.runtime.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keyvet.runtime.audit.AuditVerifier.Finding;
import dev.keyvet.runtime.audit.AuditVerifier.Problem;
import dev.keyvet.runtime.audit.AuditVerifier.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The writer on real files: format, chain, group commit, rotation, recovery. */
class AuditLogTest {
  @TempDir Path dir;

  private static JsonNode json(String line) {
    return AuditFormat.READER.readTree(line);
  }

  @Test
  void roundTrip_writesCloudTrailShapedRecordsInAChain() throws IOException {
    List<AuditLog.Receipt> receipts = new ArrayList<>();
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      receipts.add(log.append(event("Encrypt", 1)));
      receipts.add(
          log.append(
              AuditEvent.builder("Decrypt")
                  .region("eu-west-1")
                  .userIdentity(UserIdentity.fromArn("arn:aws:iam::444455556666:user/Bob"))
                  .requestId("req-denied")
                  .readOnly(true)
                  .resources(List.of(AuditResource.key(AuditFixtures.KEY_ARN)))
                  .recipientAccountId("111122223333")
                  .error("AccessDeniedException", "User is not authorized to perform kms:Decrypt")
                  .decision(
                      new AuditDecision("IMPLICIT_DENY", List.of(), List.of(), List.of("no allow")))
                  .build()));
    }
    assertThat(receipts)
        .extracting(AuditLog.Receipt::sequence, AuditLog.Receipt::eventId)
        .containsExactly(
            tuple(1L, "00000000-0000-1234-0000-000000000001"),
            tuple(2L, "00000000-0000-1234-0000-000000000002"));
    List<String> lines = lines(dir.resolve("audit-0000000001.jsonl"));
    assertThat(lines).hasSize(3);

    JsonNode first = json(lines.get(0));
    assertThat(first.get("record").asString()).isEqualTo("event");
    assertThat(first.get("seq").asLong()).isEqualTo(1);
    assertThat(first.get("prev").asString()).isEqualTo(AuditFormat.GENESIS);
    assertThat(first.get("eventVersion").asString()).isEqualTo("1.09");
    assertThat(first.get("eventTime").asString()).isEqualTo("2025-03-01T10:15:30Z");
    assertThat(first.get("eventSource").asString()).isEqualTo("kms.amazonaws.com");
    assertThat(first.get("eventName").asString()).isEqualTo("Encrypt");
    assertThat(first.get("awsRegion").asString()).isEqualTo("us-east-1");
    assertThat(first.get("sourceIPAddress").asString()).isEqualTo("192.0.2.10");
    assertThat(first.get("userAgent").asString()).isEqualTo("aws-sdk-java/2.25");
    JsonNode who = first.get("userIdentity");
    assertThat(who.get("type").asString()).isEqualTo("AssumedRole");
    assertThat(who.get("arn").asString()).isEqualTo(AuditFixtures.CALLER);
    assertThat(who.get("accountId").asString()).isEqualTo("111122223333");
    assertThat(who.at("/sessionContext/sessionIssuer/arn").asString())
        .isEqualTo("arn:aws:iam::111122223333:role/App");
    assertThat(first.at("/requestParameters/encryptionContext/app").asString())
        .isEqualTo("billing-1");
    assertThat(first.get("responseElements").isNull()).isTrue();
    assertThat(first.has("errorCode")).isFalse();
    assertThat(first.get("requestID").asString()).isEqualTo("req-1");
    assertThat(first.get("eventID").asString()).isEqualTo("00000000-0000-1234-0000-000000000001");
    assertThat(first.get("readOnly").asBoolean()).isFalse();
    assertThat(first.at("/resources/0/ARN").asString()).isEqualTo(AuditFixtures.KEY_ARN);
    assertThat(first.at("/resources/0/accountId").asString()).isEqualTo("111122223333");
    assertThat(first.at("/resources/0/type").asString()).isEqualTo("AWS::KMS::Key");
    assertThat(first.get("eventType").asString()).isEqualTo("AwsApiCall");
    assertThat(first.get("recipientAccountId").asString()).isEqualTo("111122223333");
    assertThat(first.at("/decision/result").asString()).isEqualTo("ALLOW");
    assertThat(first.at("/decision/statements/0/sid").asString()).isEqualTo("AppUse");
    assertThat(first.at("/decision/statements/0/location").asString()).isEqualTo("key.json:12:5");

    JsonNode second = json(lines.get(1));
    byte[] firstBytes = lines.get(0).getBytes(StandardCharsets.UTF_8);
    assertThat(second.get("prev").asString())
        .isEqualTo(AuditFormat.sha256Hex(firstBytes, 0, firstBytes.length));
    assertThat(second.get("errorCode").asString()).isEqualTo("AccessDeniedException");
    assertThat(second.at("/userIdentity/type").asString()).isEqualTo("IAMUser");
    assertThat(second.at("/decision/result").asString()).isEqualTo("IMPLICIT_DENY");
    assertThat(second.at("/decision/notes/0").asString()).isEqualTo("no allow");

    JsonNode close = json(lines.get(2));
    assertThat(close.get("record").asString()).isEqualTo("checkpoint");
    assertThat(close.get("reason").asString()).isEqualTo("close");
    assertThat(close.get("keyId").asString()).isEqualTo(KEY.keyId());
    assertThat(close.get("time").asString()).isEqualTo("2025-03-01T10:15:30.250Z");

    Report r = verify(dir);
    assertThat(r.findings()).isEmpty();
    assertThat(r.signedThrough()).isEqualTo(3);
  }

  @Test
  void checkpointSignatures_areTheJdksEd25519Signatures() throws Exception {
    CheckpointKey key = CheckpointKey.generate(new java.security.SecureRandom());
    byte[] data = "{\"record\":\"checkpoint\",\"seq\":7}".getBytes(StandardCharsets.UTF_8);
    byte[] signature = key.sign(data, 0, data.length);
    assertThat(signature).isEqualTo(key.signWithJdk(data, 0, data.length));
    assertThat(CheckpointKey.verify(key.publicKey(), data, signature)).isTrue();
    data[3] ^= 1;
    assertThat(CheckpointKey.verify(key.publicKey(), data, signature)).isFalse();
  }

  @Test
  void byDefault_appendReturnsOnceTheRecordIsOnDisk() throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      AuditLog.Receipt r = log.append(AuditFixtures.event("Encrypt", 1));
      assertThat(log.forcedThrough()).isGreaterThanOrEqualTo(r.sequence());
    }
  }

  @Test
  void withASyncDelay_appendReturnsOnceWritten_andTheLogForcesWithinTheDelay() throws Exception {
    AuditLog.Options delayed = options().withSyncDelay(java.time.Duration.ofMillis(300));
    try (AuditLog log = AuditLog.open(dir, KEY, delayed)) {
      AuditLog.Receipt r = log.append(AuditFixtures.event("Encrypt", 1));
      assertThat(log.writtenThrough()).isGreaterThanOrEqualTo(r.sequence());
      String onFile =
          Files.readString(
              AuditFormat.logFiles(dir).get(0), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(onFile).contains("\"seq\":" + r.sequence() + ",");
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (log.forcedThrough() < r.sequence() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(log.forcedThrough()).isGreaterThanOrEqualTo(r.sequence());

      AuditLog.Receipt forced = log.append(AuditFixtures.event("CreateKey", 2), true);
      assertThat(log.forcedThrough()).isGreaterThanOrEqualTo(forced.sequence());
    }
    assertThat(new AuditVerifier(KEY.publicKey()).verify(dir).findings()).isEmpty();
  }

  @Test
  void concurrentAppends_formOneChain_inEitherMode() throws Exception {
    for (long delay : new long[] {0, 5}) {
      Path d = dir.resolve("delay-" + delay);
      AuditLog.Options o =
          options().withSyncDelay(java.time.Duration.ofMillis(delay)).withCheckpointEvery(97);
      java.util.Set<Long> sequences = java.util.concurrent.ConcurrentHashMap.newKeySet();
      try (AuditLog log = AuditLog.open(d, KEY, o)) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          Thread th =
              new Thread(
                  () -> {
                    for (int i = 0; i < 300; i++) {
                      sequences.add(log.append(AuditFixtures.event("Encrypt", i)).sequence());
                    }
                  });
          th.start();
          threads.add(th);
        }
        for (Thread th : threads) {
          th.join();
        }
      }
      assertThat(sequences).hasSize(2_400);
      AuditVerifier.Report report = new AuditVerifier(KEY.publicKey()).verify(d);
      assertThat(report.findings()).as("delay %d", delay).isEmpty();
    }
  }

  @Test
  void reopening_continuesTheChain() throws IOException {
    AuditFixtures.writeLog(dir, 3, 100);
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      assertThat(log.append(event("Encrypt", 4)).sequence()).isEqualTo(5);
    }
    assertThat(lines(dir.resolve("audit-0000000001.jsonl"))).hasSize(6);
    assertThat(verify(dir).findings()).isEmpty();
  }

  @Test
  void secretFields_neverReachTheFile() throws IOException {
    java.util.Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("KeyId", AuditFixtures.KEY_ARN);
    request.put("Plaintext", "cGxhaW50ZXh0LXNlY3JldA==");
    request.put("plaintext", "lower-case-secret");
    request.put("Message", "message-to-sign-secret");
    request.put("GrantTokens", List.of("grant-token-secret"));
    request.put("rawBytes", "x".getBytes(StandardCharsets.UTF_8));
    request.put(
        "nested", java.util.Map.of("PrivateKeyPlaintext", "pk-secret", "kept", "visible-value"));
    request.put("list", List.of(java.util.Map.of("ImportToken", "token-secret", "n", 1)));
    java.util.Map<String, Object> response = new java.util.LinkedHashMap<>();
    response.put("KeyId", AuditFixtures.KEY_ARN);
    response.put("Plaintext", "data-key-secret");
    response.put("CiphertextBlob", "blob-secret");
    response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      log.append(
          AuditEvent.builder("GenerateDataKey")
              .region("us-east-1")
              .userIdentity(UserIdentity.fromArn(AuditFixtures.CALLER))
              .requestId("r")
              .requestParameters(request)
              .responseElements(response)
              .build());
    }
    String text = Files.readString(dir.resolve("audit-0000000001.jsonl"));
    assertThat(text)
        .doesNotContain("secret")
        .doesNotContain("Plaintext")
        .doesNotContain("rawBytes");
    JsonNode e = json(lines(dir.resolve("audit-0000000001.jsonl")).get(0));
    assertThat(e.at("/requestParameters/KeyId").asString()).isEqualTo(AuditFixtures.KEY_ARN);
    assertThat(e.at("/requestParameters/nested/kept").asString()).isEqualTo("visible-value");
    assertThat(e.at("/requestParameters/list/0/n").asInt()).isEqualTo(1);
    assertThat(e.at("/responseElements/EncryptionAlgorithm").asString())
        .isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(e.at("/responseElements").propertyNames())
        .containsExactly("KeyId", "EncryptionAlgorithm");
  }

  @Test
  void unsupportedValueType_isRejectedBeforeAnythingIsWritten() throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      AuditEvent bad =
          AuditEvent.builder("Encrypt")
              .region("us-east-1")
              .userIdentity(UserIdentity.fromArn(AuditFixtures.CALLER))
              .requestId("r")
              .requestParameters(java.util.Map.of("key", new Object()))
              .build();
      assertThatThrownBy(() -> log.append(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("requestParameters.key: values of type java.lang.Object cannot be logged");
      assertThat(log.append(event("Encrypt", 1)).sequence()).isEqualTo(1);
    }
  }

  @Test
  void appendAfterClose_fails() throws IOException {
    AuditLog log = AuditLog.open(dir, KEY, options());
    log.close();
    assertThatThrownBy(() -> log.append(event("Encrypt", 1)))
        .isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void concurrentAppends_areAllDurableInOneValidChain() throws Exception {
    int threads = 16;
    int each = 250;
    ConcurrentLinkedQueue<AuditLog.Receipt> receipts = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try (AuditLog log = AuditLog.open(dir, KEY, options().withCheckpointEvery(300))) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    receipts.add(log.append(event("Encrypt", base + i)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int n = threads * each;
    Set<Long> seqs = new HashSet<>();
    receipts.forEach(r -> seqs.add(r.sequence()));
    assertThat(seqs).hasSize(n);
    List<String> lines = lines(dir.resolve("audit-0000000001.jsonl"));
    Set<String> requestIds = new HashSet<>();
    Set<Long> eventSeqs = new HashSet<>();
    for (String l : lines) {
      JsonNode j = json(l);
      if (j.get("record").asString().equals("event")) {
        requestIds.add(j.get("requestID").asString());
        eventSeqs.add(j.get("seq").asLong());
      }
    }
    assertThat(requestIds).hasSize(n);
    assertThat(eventSeqs).isEqualTo(seqs);
    Report r = verify(dir);
    assertThat(r.findings()).isEmpty();
    assertThat(r.checkpoints()).isGreaterThanOrEqualTo(n / 300 + 1);
  }

  @Test
  void rotation_continuesTheChainAcrossFiles() throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options().withMaxFileBytes(2_000))) {
      for (int i = 1; i <= 12; i++) {
        log.append(event("Encrypt", i));
      }
    }
    List<Path> files = AuditFormat.logFiles(dir);
    assertThat(files).hasSizeGreaterThan(2);
    assertThat(lines(files.get(0)).get(lines(files.get(0)).size() - 1))
        .contains("\"reason\":\"rotate\"");
    assertThat(verify(dir).findings()).isEmpty();
  }

  @Test
  void deletedLastFileAfterRotation_isAMissingFile() throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options().withMaxFileBytes(2_000))) {
      for (int i = 1; i <= 12; i++) {
        log.append(event("Encrypt", i));
      }
    }
    List<Path> files = AuditFormat.logFiles(dir);
    Files.delete(files.get(files.size() - 1));
    Report r = verify(dir);
    assertThat(r.intact()).isFalse();
    assertThat(r.findings()).extracting(Finding::problem).containsExactly(Problem.MISSING_FILE);
  }

  @Test
  void deletedMiddleFile_isAMissingFile() throws IOException {
    try (AuditLog log = AuditLog.open(dir, KEY, options().withMaxFileBytes(2_000))) {
      for (int i = 1; i <= 12; i++) {
        log.append(event("Encrypt", i));
      }
    }
    Files.delete(dir.resolve("audit-0000000002.jsonl"));
    Report r = verify(dir);
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::file)
        .contains(tuple(Problem.MISSING_FILE, "audit-0000000003.jsonl"));
    assertThat(r.findings()).extracting(Finding::problem).contains(Problem.DELETED);
  }

  @Test
  void tornTail_isReportedThenRecoveredOnReopen() throws IOException {
    Path file = dir.resolve("audit-0000000001.jsonl");
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      log.append(event("Encrypt", 1));
      log.append(event("Encrypt", 2));
      // No close: the process "dies" here, in the middle of writing record 3.
      byte[] partial =
          "{\"record\":\"event\",\"seq\":3,\"prev\":\"ab".getBytes(StandardCharsets.UTF_8);
      byte[] before = Files.readAllBytes(file);
      int end = 0;
      while (end < before.length && before[end] != 0) {
        end++;
      }
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(partial), end);
      }
      Report crashed = verify(dir);
      assertThat(crashed.intact()).isTrue();
      assertThat(crashed.findings())
          .extracting(Finding::problem, Finding::line)
          .containsExactly(tuple(Problem.UNSIGNED_TAIL, 1L), tuple(Problem.TORN_TAIL, 3L));
      assertThat(crashed.findings().get(1).message()).startsWith(partial.length + " bytes");

      try (AuditLog reopened = AuditLog.open(dir, KEY, options())) {
        assertThat(reopened.append(event("Encrypt", 3)).sequence()).isEqualTo(4);
      }
      List<String> lines = lines(file);
      JsonNode recovery = json(lines.get(2));
      assertThat(recovery.get("record").asString()).isEqualTo("recovery");
      assertThat(recovery.get("cause").asString()).isEqualTo("torn-tail");
      assertThat(recovery.get("discardedBytes").asLong()).isEqualTo(partial.length);
      assertThat(recovery.get("discardedSha256").asString())
          .isEqualTo(AuditFormat.sha256Hex(partial, 0, partial.length));
      try (var kept = Files.list(dir)) {
        List<Path> torn = kept.filter(p -> p.getFileName().toString().contains(".torn-")).toList();
        assertThat(torn).hasSize(1);
        assertThat(Files.readAllBytes(torn.get(0))).isEqualTo(partial);
      }
      assertThat(verify(dir).findings()).isEmpty();
    }
  }

  @Test
  void pagesNeverWrittenBeforeAPowerLoss_endTheRecords() throws IOException {
    Path file = dir.resolve("audit-0000000001.jsonl");
    AuditLog log = AuditLog.open(dir, KEY, options());
    for (int i = 1; i <= 3; i++) {
      log.append(event("Encrypt", i));
    }
    // A power loss kept record 3's page but not record 2's: record 2 reads as zeros.
    List<String> written = lines(file);
    int second = written.get(0).length() + 1;
    int third = second + written.get(1).length() + 1;
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[third - second]), second);
    }
    Report lost = verify(dir);
    assertThat(lost.intact()).isTrue();
    assertThat(lost.findings()).extracting(Finding::problem).contains(Problem.TORN_TAIL);
    try (AuditLog reopened = AuditLog.open(dir, KEY, options())) {
      assertThat(reopened.append(event("Encrypt", 4)).sequence()).isEqualTo(3);
    }
    assertThat(verify(dir).findings()).isEmpty();
  }

  @Test
  void uncleanShutdown_isNotedByARecoveryRecord() throws IOException {
    AuditLog crashed = AuditLog.open(dir, KEY, options());
    crashed.append(event("Encrypt", 1));
    // Not closed: no closing checkpoint.
    try (AuditLog log = AuditLog.open(dir, KEY, options())) {
      log.append(event("Encrypt", 2));
    }
    List<String> lines = lines(dir.resolve("audit-0000000001.jsonl"));
    assertThat(lines)
        .extracting(l -> json(l).get("record").asString())
        .containsExactly("event", "recovery", "event", "checkpoint");
    assertThat(json(lines.get(1)).get("cause").asString()).isEqualTo("unclean-shutdown");
    assertThat(verify(dir).findings()).isEmpty();
  }

  @Test
  void corruptLastRecord_refusesToOpen_andLeavesTheFile() throws IOException {
    Path file = AuditFixtures.writeLog(dir, 2, 100);
    Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> AuditLog.open(dir, KEY, options()))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":4: not an audit record; run `keyvet audit verify`");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }
}
