package dev.keyvet.runtime;

import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.runtime.audit.AuditDecision;
import dev.keyvet.runtime.audit.AuditEvent;
import dev.keyvet.runtime.audit.AuditLog;
import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.AuditResource;
import dev.keyvet.runtime.audit.CheckpointKey;
import dev.keyvet.runtime.audit.UserIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's audit on the durable, tamper-evident {@link AuditLog}: each call becomes one
 * CloudTrail-shaped event, acknowledged only once it is on disk (group commit), under {@code
 * <data>/audit/} with checkpoints signed by the checkpoint key: sealed under the root key in {@code
 * <data>/audit-checkpoint-key.sealed} for a durable store, plain PEM otherwise. {@code keyvet audit
 * verify --data DIR} checks it.
 */
public final class DurableAudit implements AuditSink, AutoCloseable {
  private final AuditLog log;
  private final boolean forceEvery;

  private DurableAudit(AuditLog log, boolean forceEvery) {
    this.log = log;
    this.forceEvery = forceEvery;
  }

  /** Opens (or creates) the audit log of data directory {@code dataDir}; every record forced. */
  public static DurableAudit open(Path dataDir, TimeSource time) throws IOException {
    return open(dataDir, time, Duration.ZERO);
  }

  /**
   * Opens (or creates) the audit log of data directory {@code dataDir}. With a {@code syncDelay}
   * above zero, the records of calls that change nothing are acknowledged once written to the file
   * (they survive the process, not a power loss) and forced within that delay; the records of calls
   * that change state are always forced before the call returns. See {@link
   * AuditLog.Options#syncDelay()}.
   */
  public static DurableAudit open(Path dataDir, TimeSource time, Duration syncDelay)
      throws IOException {
    return open(
        dataDir,
        time,
        syncDelay,
        CheckpointKey.loadOrCreate(AuditPaths.privateKey(dataDir), AuditPaths.publicKey(dataDir)));
  }

  /**
   * Opens the audit log of a durable store's data directory, its checkpoint key sealed under the
   * store's root key ({@link AuditPaths#sealedPrivateKey}); a plain key from an earlier version is
   * sealed and removed.
   */
  static DurableAudit open(
      Path dataDir, TimeSource time, Duration syncDelay, dev.keyvet.runtime.crypto.Sealer sealer)
      throws IOException {
    return open(
        dataDir,
        time,
        syncDelay,
        CheckpointKey.loadOrCreateSealed(
            AuditPaths.sealedPrivateKey(dataDir),
            AuditPaths.privateKey(dataDir),
            AuditPaths.publicKey(dataDir),
            new CheckpointKey.Sealing() {
              @Override
              public byte[] seal(byte[] plaintext, byte[] associatedData) {
                return sealer.seal(plaintext, associatedData);
              }

              @Override
              public byte[] unseal(byte[] sealed, byte[] associatedData) {
                return sealer.unseal(sealed, associatedData);
              }
            }));
  }

  private static DurableAudit open(
      Path dataDir, TimeSource time, Duration syncDelay, CheckpointKey key) throws IOException {
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return time.now();
          }
        };
    return new DurableAudit(
        AuditLog.open(
            AuditPaths.logDirectory(dataDir),
            key,
            AuditLog.Options.defaults().withClock(clock).withSyncDelay(syncDelay)),
        syncDelay.isZero());
  }

  @Override
  public void append(Record r) {
    append(r, true);
  }

  @Override
  public java.util.concurrent.CompletableFuture<Void> appendAsync(Record r) {
    if (!forceEvery) {
      return AuditSink.super.appendAsync(r);
    }
    try {
      return log.appendAsync(event(r)).thenApply(receipt -> null);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void append(Record r, boolean changedState) {
    // A change counts only once its record is on disk: the store's log relies on it.
    log.append(event(r), forceEvery || changedState);
  }

  private AuditEvent event(Record r) {
    boolean readOnly = KeyStore.readOnly(r.operation());
    AuditEvent.Builder b =
        AuditEvent.builder(r.operation())
            .region(r.region())
            .userIdentity(UserIdentity.fromArn(r.caller()))
            .requestParameters(plainMap(r.requestParameters()))
            .requestId(r.requestId())
            .readOnly(readOnly);
    if (!r.responseElements().isEmpty()) {
      b.responseElements(plainMap(r.responseElements()));
    }
    if (r.errorCode() != null) {
      b.error(r.errorCode(), r.errorMessage());
    }
    if (r.keyArn() != null) {
      AuditResource key = AuditResource.key(r.keyArn());
      b.resources(List.of(key)).recipientAccountId(key.accountId());
    }
    if (r.decision() != null) {
      b.decision(decision(r.decision(), r.evaluations()));
    }
    return b.build();
  }

  /**
   * The store's parameters and responses as JSON-like values: records become maps of their
   * components, times ISO-8601 strings, enums their names; the audit package then drops secret
   * fields by name.
   */
  static java.util.Map<String, Object> plainMap(java.util.Map<String, Object> in) {
    if (dev.keyvet.runtime.audit.SecretFields.plainValues(in)) {
      return in;
    }
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Object plain(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Number
        || v instanceof Boolean
        || v instanceof byte[]) {
      return v;
    }
    if (v instanceof Instant || v instanceof Enum<?>) {
      return v.toString();
    }
    if (v instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof java.util.Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v instanceof java.lang.Record rec) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (java.lang.reflect.RecordComponent c : rec.getClass().getRecordComponents()) {
        try {
          Object x = c.getAccessor().invoke(rec);
          if (x != null) {
            out.put(c.getName(), plain(x));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("cannot read " + c.getName() + " for the audit log");
        }
      }
      return out;
    }
    return v.toString();
  }

  /** One decision from the evaluations of every permission the call needed. */
  static AuditDecision decision(String result, List<Evaluation> evaluations) {
    List<Object> key = new ArrayList<>(1 + 2 * evaluations.size());
    key.add(result);
    for (Evaluation e : evaluations) {
      key.add(e.reasons());
      key.add(e.errors());
    }
    AuditDecision known = DECISIONS.get(key);
    if (known == null) {
      known = decide(result, evaluations);
      if (DECISIONS.size() >= 1024) {
        DECISIONS.clear();
      }
      DECISIONS.put(key, known);
    }
    return known;
  }

  /**
   * Decisions made so far, by the engine's reasons: a caller's calls on a key are decided by the
   * same statements again and again, and their locations are costly to resolve. Bounded.
   */
  private static final java.util.Map<List<Object>, AuditDecision> DECISIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static AuditDecision decide(String result, List<Evaluation> evaluations) {
    List<AuditDecision.DecidingStatement> statements = new ArrayList<>();
    List<String> grants = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Evaluation e : evaluations) {
      AuditDecision d = AuditDecision.of(e);
      statements.addAll(d.statements());
      grants.addAll(d.grants());
      notes.addAll(d.notes());
    }
    return new AuditDecision(result, statements, grants, notes);
  }

  /**
   * True when the audit log of {@code dataDir} holds an event with request ID {@code requestId}:
   * the call's record was written, so the call's change counts. Reads the newest two log files,
   * where the record of the store's last change can be.
   */
  static boolean recorded(Path dataDir, String requestId) {
    Path dir = AuditPaths.logDirectory(dataDir);
    if (!java.nio.file.Files.isDirectory(dir)) {
      return false;
    }
    String needle = "\"requestID\":\"" + requestId + "\"";
    List<Path> files;
    try (var list = java.nio.file.Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("audit-\\d+\\.jsonl"))
              .sorted(java.util.Comparator.reverseOrder())
              .limit(2)
              .toList();
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Code.IO, "cannot read the audit log in " + dir + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      try (var lines = java.nio.file.Files.lines(f, java.nio.charset.StandardCharsets.UTF_8)) {
        // A last line without its newline is a record whose write never completed.
        List<String> all = lines.toList();
        int complete = endsWithNewline(f) ? all.size() : all.size() - 1;
        for (int i = 0; i < complete; i++) {
          String l = all.get(i);
          if (l.startsWith("{\"record\":\"event\"") && l.contains(needle)) {
            return true;
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new StoreException(
            StoreException.Code.IO, "cannot read the audit log " + f + ": " + e.getMessage(), e);
      }
    }
    return false;
  }

  private static boolean endsWithNewline(Path f) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
      if (ch.size() == 0) {
        return true;
      }
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.read(last, ch.size() - 1);
      return last.get(0) == '\n';
    }
  }

  @Override
  public void close() {
    log.close();
  }
}
