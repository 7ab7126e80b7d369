package dev.keyvet.bench;

import dev.keyvet.runtime.audit.AuditDecision;
import dev.keyvet.runtime.audit.AuditEvent;
import dev.keyvet.runtime.audit.AuditLog;
import dev.keyvet.runtime.audit.AuditResource;
import dev.keyvet.runtime.audit.CheckpointKey;
import dev.keyvet.runtime.audit.UserIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable audit records per second: {@link AuditLog#append} (group commit: one write and one {@code
 * force} per batch of concurrent callers, JSON serialization, SHA-256 chain, checkpoints) with 1, 8
 * and 64 calling threads, against the baseline of one {@code FileChannel.write} and one {@code
 * force} per record of the same size, with 1 and 8 threads, in the same run. Each benchmark writes
 * to its own new directory under {@code -Dkeyvet.bench.dir} (default: the temporary directory),
 * which must be on the disk being measured: on tmpfs {@code force} costs nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBenchmark {
  private static final String KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** A typical allowed Encrypt: identity with a session, encryption context, one statement. */
  static final AuditEvent EVENT =
      AuditEvent.builder("Encrypt")
          .region("us-east-1")
          .sourceIpAddress("192.0.2.10")
          .userAgent("aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17")
          .userIdentity(
              UserIdentity.fromArn("arn:aws:sts::111122223333:assumed-role/App/session-1"))
          .requestParameters(
              Map.of(
                  "keyId",
                  KEY_ARN,
                  "encryptionAlgorithm",
                  "SYMMETRIC_DEFAULT",
                  "encryptionContext",
                  Map.of("app", "billing", "tenant", "t-42")))
          .responseElements(null)
          .requestId("5b3e4b9c-2f1d-4c55-9d3e-6f1a2b3c4d5e")
          .resources(List.of(AuditResource.key(KEY_ARN)))
          .recipientAccountId("111122223333")
          .decision(
              new AuditDecision(
                  "ALLOW",
                  List.of(
                      new AuditDecision.DecidingStatement(
                          "key policy",
                          "key-policy.json",
                          "AppUse",
                          "Allow",
                          "key-policy.json:12:5")),
                  List.of(),
                  List.of()))
          .build();

  static Path newDir() throws IOException {
    Path base =
        Path.of(System.getProperty("keyvet.bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    return Files.createTempDirectory(base, "keyvet-audit-bench");
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The audit log under test, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class Log {
    Path dir;
    AuditLog log;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = newDir();
      log =
          AuditLog.open(
              dir, CheckpointKey.generate(new SecureRandom()), AuditLog.Options.defaults());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.close();
      delete(dir);
    }
  }

  /** The baseline: one file, one write and one force per record, callers serialized by a lock. */
  @State(Scope.Benchmark)
  public static class PlainFile {
    Path dir;
    FileChannel channel;
    byte[] line;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = newDir();
      channel =
          FileChannel.open(
              dir.resolve("plain.jsonl"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      // A record of the size the audit log writes for EVENT.
      Path probe = newDir();
      try (AuditLog l =
          AuditLog.open(
              probe, CheckpointKey.generate(new SecureRandom()), AuditLog.Options.defaults())) {
        l.append(EVENT);
      }
      String first = Files.readAllLines(probe.resolve("audit-0000000001.jsonl")).get(0);
      line = (first + "\n").getBytes(StandardCharsets.UTF_8);
      delete(probe);
    }

    void write() {
      synchronized (this) {
        try {
          ByteBuffer b = ByteBuffer.wrap(line);
          while (b.hasRemaining()) {
            channel.write(b);
          }
          channel.force(false);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      channel.close();
      delete(dir);
    }
  }

  @Benchmark
  @Threads(1)
  public AuditLog.Receipt groupCommit_1thread(Log s) {
    return s.log.append(EVENT);
  }

  @Benchmark
  @Threads(8)
  public AuditLog.Receipt groupCommit_8threads(Log s) {
    return s.log.append(EVENT);
  }

  @Benchmark
  @Threads(64)
  public AuditLog.Receipt groupCommit_64threads(Log s) {
    return s.log.append(EVENT);
  }

  @Benchmark
  @Threads(1)
  public void forcePerRecord_1thread(PlainFile s) {
    s.write();
  }

  @Benchmark
  @Threads(8)
  public void forcePerRecord_8threads(PlainFile s) {
    s.write();
  }
}
