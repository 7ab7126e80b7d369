package dev.keyvet.runtime;

import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.scenario.World;
import dev.keyvet.engine.write.PolicyWriter;
import dev.keyvet.runtime.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The embedded local KMS: keys, aliases, grants, tags, rotation and deletion in several Regions,
 * every call authorized by the engine before the key-state rules apply, and every call written to
 * the {@link AuditSink}. Thread-safe: calls on different keys do not share a lock; changes to one
 * key are serialized on that key; crypto calls read an immutable snapshot of the key.
 */
public final class KeyStore implements AutoCloseable {
  private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]{1,250}");
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
  private static final Pattern ALIAS_ARN =
      Pattern.compile("arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\\d{12}):(alias/.+)");
  private static final Set<String> GRANT_OPERATIONS =
      Set.of(
          "Decrypt",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "ReEncryptFrom",
          "ReEncryptTo",
          "Sign",
          "Verify",
          "GenerateMac",
          "VerifyMac",
          "DeriveSharedSecret",
          "GetPublicKey",
          "DescribeKey",
          "CreateGrant",
          "RetireGrant");
  private static final Set<String> ALWAYS_GRANTABLE =
      Set.of("DescribeKey", "CreateGrant", "RetireGrant");
  private static final int MAX_ALIASES_PER_KEY = 50;
  private static final int MAX_GRANTS_PER_KEY = 50_000;
  private static final int MAX_TAGS = 50;
  private static final String DRY_RUN =
      "The request would have succeeded, but the DryRun option is set.";

  private final Gatekeeper gate;
  private final KeyCrypto crypto;
  private final AuditSink audit;
  private final TimeSource clock;
  private final RandomSource random;

  /**
   * Request IDs of calls that bring none. A durable store draws their random half from the
   * platform, never from an injected source, so that IDs never repeat across reopenings: recovery
   * matches its log to the audit by them.
   */
  private final RequestIds requestIds;

  private final int maxOnDemandRotations;
  private final StateLog log;
  private final DurableAudit ownedAudit;
  private final int snapshotEvery;
  private final byte[] importTokenKey;

  /**
   * Calls that change state hold the write lock from the body through the log entry and the audit
   * record, so no other call sees a change before it is durable and audited; the others share the
   * read lock.
   */
  private final java.util.concurrent.locks.ReentrantReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  /**
   * Set when the log is in an unknown state; every later call fails until the store is reopened.
   */
  private volatile boolean broken;

  private volatile boolean closed;

  /** Thrown by a read-only call that finds due work (deletion, rotation): rerun it as a writer. */
  private static final class Escalate extends Error {
    private static final long serialVersionUID = 1L;

    Escalate() {
      super(null, null, false, false);
    }
  }

  private static final Escalate ESCALATE = new Escalate();

  /** True for the operations that change nothing (CloudTrail's {@code readOnly}). */
  static boolean readOnly(String operation) {
    return READ_ONLY.contains(operation);
  }

  private static final Set<String> READ_ONLY =
      Set.of(
          "DescribeKey",
          "ListKeys",
          "ListAliases",
          "ListGrants",
          "ListRetirableGrants",
          "ListKeyPolicies",
          "ListResourceTags",
          "ListKeyRotations",
          "GetKeyPolicy",
          "GetKeyRotationStatus",
          "GetPublicKey",
          "GetParametersForImport",
          "Encrypt",
          "Decrypt",
          "ReEncrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "GenerateRandom",
          "GenerateMac",
          "VerifyMac",
          "Sign",
          "Verify");

  /** One key in one Region. Changes are made under the slot's monitor. */
  private static final class Slot {
    final String arn;
    volatile StoreState.Key key;
    volatile CompiledPolicy policy;

    Slot(String arn, StoreState.Key key, CompiledPolicy policy) {
      this.arn = arn;
      this.key = key;
      this.policy = policy;
    }
  }

  private final ConcurrentHashMap<String, Slot> keys = new ConcurrentHashMap<>();

  /** Key ARNs by Region and key ID: how a ciphertext's header names its key. */
  private final ConcurrentHashMap<RegionKey, String> byRegionAndId = new ConcurrentHashMap<>();

  private record RegionKey(String region, String keyId) {}

  private final ConcurrentHashMap<String, StoreState.Material> materials =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StoreState.Alias> aliases = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> aliasLocks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> grantTokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StoreState.Import> imports = new ConcurrentHashMap<>();

  private KeyStore(Builder b) {
    this.gate = new Gatekeeper(b.world);
    this.random = b.random;
    this.requestIds = b.dataDirectory == null ? new RequestIds(b.random) : RequestIds.secure();
    this.crypto = b.crypto != null ? b.crypto : new StandardKeyCrypto();
    this.clock = b.clock;
    this.maxOnDemandRotations = b.maxOnDemandRotations;
    this.snapshotEvery = b.snapshotEvery;
    if (b.dataDirectory == null) {
      this.audit = b.audit;
      this.ownedAudit = null;
      this.log = null;
      this.importTokenKey = new byte[32];
      new java.security.SecureRandom().nextBytes(importTokenKey);
      return;
    }
    if (b.auditSet) {
      throw new IllegalStateException(
          "a store with a data directory writes its audit to <data>/audit; do not set audit()");
    }
    Path data = b.dataDirectory;
    // The state first: it checks the root key and every file before anything is written, and
    // holds the directory's lock while the audit log is opened.
    StateLog.Out out = new StateLog.Out();
    StateLog opened =
        StateLog.open(
            data,
            new StateLog.RootKey(b.passphrase, b.rootKeyFile, b.argon2),
            new java.security.SecureRandom(),
            id -> DurableAudit.recorded(data, id),
            out);
    DurableAudit durable;
    try {
      durable = DurableAudit.open(data, clock, b.auditSyncDelay, opened.sealer());
    } catch (IOException | RuntimeException e) {
      try {
        opened.close();
      } catch (IOException x) {
        e.addSuppressed(x);
      }
      throw new StoreException(
          StoreException.Code.IO,
          "cannot open the audit log in " + data + ": " + e.getMessage(),
          e);
    }
    this.ownedAudit = durable;
    this.audit = b.auditFilter == null ? durable : b.auditFilter.apply(durable);
    this.log = opened;
    this.importTokenKey = out.loaded.importTokenKey();
    StateLog.Loaded l = out.loaded;
    l.keys()
        .values()
        .forEach(
            k ->
                install(
                    new Slot(
                        k.arn(),
                        k,
                        gate.compileKeyPolicy("key policy of " + k.arn(), k.policy()))));
    materials.putAll(l.materials());
    aliases.putAll(l.aliases());
    grantTokens.putAll(l.grantTokens());
    imports.putAll(l.imports());
    this.recoveryNotes = List.copyOf(l.notes());
  }

  private List<String> recoveryNotes = List.of();

  /**
   * What recovery did when the store was opened: log entries not applied because their call never
   * succeeded, unfinished entries moved aside. Empty for a clean open or an in-memory store.
   */
  public List<String> recoveryNotes() {
    return recoveryNotes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a store. */
  public static final class Builder {
    private World world = new World(List.of(), List.of(), List.of(), List.of());
    private KeyCrypto crypto;
    private AuditSink audit = new InMemoryAudit();
    private TimeSource clock = TimeSource.system();
    private RandomSource random = RandomSource.secure();
    private int maxOnDemandRotations = 25;
    private boolean auditSet;
    private Path dataDirectory;
    private char[] passphrase;
    private Path rootKeyFile;
    private dev.keyvet.runtime.crypto.Sealer.Argon2Parameters argon2 =
        dev.keyvet.runtime.crypto.Sealer.Argon2Parameters.DEFAULT;
    private int snapshotEvery = 1000;
    private java.util.function.UnaryOperator<AuditSink> auditFilter;
    private Duration auditSyncDelay = Duration.ZERO;

    /**
     * How long the audit record of a call that changes nothing may wait to be forced to disk
     * (default zero: every call returns only once its record is on disk). Above zero, such a call
     * returns once its record is written to the file, where it survives the process being killed,
     * and the log forces within the delay (at most {@link AuditLog#MAX_SYNC_DELAY}); a power loss
     * can lose the records of that last moment. Calls that change state always wait for the force.
     * For stores with a data directory.
     */
    public Builder auditSyncDelay(Duration delay) {
      Objects.requireNonNull(delay);
      if (delay.isNegative() || delay.compareTo(AuditLog.MAX_SYNC_DELAY) > 0) {
        throw new IllegalArgumentException(
            "the audit sync delay must be 0 to " + AuditLog.MAX_SYNC_DELAY.toMillis() + " ms");
      }
      this.auditSyncDelay = delay;
      return this;
    }

    /**
     * Keeps the store's state in {@code dir/store/} (snapshot and write-ahead log) and its audit in
     * {@code dir/audit/}; needs {@link #passphrase} or {@link #rootKeyFile}. Without it the store
     * lives in memory.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Objects.requireNonNull(dir);
      return this;
    }

    /**
     * The passphrase the root key is derived from (Argon2id). The array is used while {@link
     * #build} runs; the caller zeroes it afterwards.
     */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = Objects.requireNonNull(passphrase);
      this.rootKeyFile = null;
      return this;
    }

    /** A file of 32 random bytes holding the root key ({@code Sealer.writeKeyFile}). */
    public Builder rootKeyFile(Path file) {
      this.rootKeyFile = Objects.requireNonNull(file);
      this.passphrase = null;
      return this;
    }

    /** Argon2id cost for a new store's passphrase (default 64 MiB, 3 passes, 4 lanes). */
    public Builder argon2(dev.keyvet.runtime.crypto.Sealer.Argon2Parameters p) {
      this.argon2 = Objects.requireNonNull(p);
      return this;
    }

    /** Log entries between snapshots (default 1000). */
    public Builder snapshotEvery(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("snapshotEvery must be at least 1");
      }
      this.snapshotEvery = n;
      return this;
    }

    /** Wraps the durable audit, so that tests can make appends fail. */
    Builder auditFilter(java.util.function.UnaryOperator<AuditSink> f) {
      this.auditFilter = f;
      return this;
    }

    /** The accounts, identities and organization policies callers are judged by. */
    public Builder world(World w) {
      this.world = Objects.requireNonNull(w);
      return this;
    }

    /** The cryptography; default {@link StandardKeyCrypto} on the platform's SecureRandom. */
    public Builder crypto(KeyCrypto c) {
      this.crypto = Objects.requireNonNull(c);
      return this;
    }

    public Builder audit(AuditSink a) {
      this.audit = Objects.requireNonNull(a);
      this.auditSet = true;
      return this;
    }

    public Builder clock(TimeSource t) {
      this.clock = Objects.requireNonNull(t);
      return this;
    }

    public Builder random(RandomSource r) {
      this.random = Objects.requireNonNull(r);
      return this;
    }

    /** On-demand rotations allowed per key (AWS documents 25 and 10; default 25). */
    public Builder maxOnDemandRotations(int n) {
      this.maxOnDemandRotations = n;
      return this;
    }

    public KeyStore build() {
      return new KeyStore(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One call: authorization, audit, errors.

  /** What one call collects for its audit record. */
  private final class Op {
    final Call call;
    final String operation;
    final boolean write;
    final String requestId;
    final Instant now;
    Gatekeeper.Subject subject;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, Object> response = new LinkedHashMap<>();
    String keyArn;
    String decision;
    final List<Evaluation> evaluations = new ArrayList<>();
    String allowingGrant;

    Op(Call call, String operation, boolean write) {
      this.call = call;
      this.operation = operation;
      this.write = write;
      this.requestId = call.requestId() != null ? call.requestId() : requestIds.next();
      this.now = clock.now();
    }

    Caller caller() {
      return subject.caller();
    }
  }

  private <T> T run(Call call, String operation, Function<Op, T> body) {
    Objects.requireNonNull(call, "call");
    boolean write = !READ_ONLY.contains(operation);
    while (true) {
      var held = write ? lock.writeLock() : lock.readLock();
      held.lock();
      try {
        usable();
        return attempt(call, operation, body, write);
      } catch (Escalate e) {
        if (write) {
          throw new IllegalStateException("a writer asked to become a writer");
        }
        write = true;
      } finally {
        if (write) {
          gate.forget();
        }
        held.unlock();
      }
    }
  }

  /**
   * Runs a call that changes nothing and returns before its audit record is durable: the future
   * completes with the result (or the call's error) once the record is, or with {@code
   * KMSInternalException} when it cannot be written. A call that finds due work (a deletion or a
   * rotation) changes state, and runs as {@code sync} does instead.
   */
  private <T> CompletableFuture<T> runAsync(
      Call call, String operation, Function<Op, T> body, java.util.function.Supplier<T> sync) {
    Objects.requireNonNull(call, "call");
    if (!READ_ONLY.contains(operation)) {
      throw new IllegalArgumentException(operation + " changes state");
    }
    Op op;
    Outcome<T> outcome;
    var held = lock.readLock();
    held.lock();
    try {
      usable();
      op = new Op(call, operation, false);
      outcome = execute(op, body);
    } catch (KmsException e) {
      return CompletableFuture.failedFuture(e);
    } catch (Escalate e) {
      op = null;
      outcome = null;
    } finally {
      held.unlock();
    }
    if (outcome == null) {
      try {
        return CompletableFuture.completedFuture(sync.get());
      } catch (KmsException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<Void> durable;
    try {
      durable = audit.appendAsync(record(op, outcome.error));
    } catch (RuntimeException e) {
      durable = CompletableFuture.failedFuture(e);
    }
    Outcome<T> done = outcome;
    return durable.handle(
        (ok, failed) -> {
          if (failed != null) {
            throw new KmsException(
                "KMSInternalException",
                "the audit record could not be written, so the call failed");
          }
          if (done.error != null) {
            throw done.error;
          }
          return done.result;
        });
  }

  private void usable() {
    if (closed) {
      throw new KmsException("KMSInternalException", "the store is closed");
    }
    if (broken) {
      throw new KmsException(
          "KMSInternalException",
          "the store could not write its log; reopen it to recover the last durable state");
    }
  }

  /** What a call's body produced: its result, or the error it answers with. */
  private static final class Outcome<T> {
    T result;
    KmsException error;
  }

  /** Runs the body of a call; every failure becomes the KmsException the call answers with. */
  private <T> Outcome<T> execute(Op op, Function<Op, T> body) {
    Outcome<T> o = new Outcome<>();
    try {
      if (!Regions.valid(op.call.region())) {
        throw KmsException.validation("`" + op.call.region() + "` is not a Region");
      }
      op.subject = gate.subject(op.call.caller());
      o.result = body.apply(op);
    } catch (KmsException e) {
      o.error = e;
    } catch (UnsupportedOperationException e) {
      o.error = KmsException.unsupported(e.getMessage());
    } catch (RuntimeException e) {
      o.error =
          new KmsException(
              "KMSInternalException", "the call failed: " + e.getClass().getSimpleName());
    }
    return o;
  }

  /** The audit record of a call. */
  private static AuditSink.Record record(Op op, KmsException error) {
    return new AuditSink.Record(
        op.now,
        op.operation,
        op.call.caller(),
        op.call.region(),
        op.params,
        error == null ? op.response : Map.of(),
        error == null ? null : error.errorName(),
        error == null ? null : error.getMessage(),
        op.requestId,
        op.keyArn,
        op.decision,
        op.evaluations);
  }

  private <T> T attempt(Call call, String operation, Function<Op, T> body, boolean write) {
    Op op = new Op(call, operation, write);
    Image before = write ? image() : null;
    Outcome<T> outcome = execute(op, body);
    T result = outcome.result;
    KmsException error = outcome.error;
    List<StoreCodec.Change> changes = write ? diff(before) : List.of();
    long entry = -1;
    if (!changes.isEmpty() && log != null) {
      try {
        entry = log.append(op.requestId, changes);
      } catch (IOException | RuntimeException e) {
        rollback(before);
        broken = true;
        changes = List.of();
        result = null;
        error =
            new KmsException(
                "KMSInternalException", "the store could not write the change, so the call failed");
      }
    }
    AuditSink.Record record = record(op, error);
    try {
      audit.append(record, !changes.isEmpty());
    } catch (RuntimeException e) {
      if (!changes.isEmpty()) {
        rollback(before);
        if (entry >= 0) {
          try {
            log.abort(entry);
          } catch (IOException | RuntimeException x) {
            broken = true;
          }
        }
      }
      throw new KmsException(
          "KMSInternalException", "the audit record could not be written, so the call failed");
    }
    if (entry >= 0) {
      compactIfDue();
    }
    if (error != null) {
      throw error;
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Changes: what a call changed, for the log and for undoing it.

  /** The store's records before a change; records are immutable, so references suffice. */
  private record Image(
      Map<String, Slot> slots,
      Map<String, StoreState.Key> keys,
      Map<String, CompiledPolicy> policies,
      Map<String, StoreState.Material> materials,
      Map<String, StoreState.Alias> aliases,
      Map<String, String> tokens,
      Map<String, StoreState.Import> imports) {}

  private Image image() {
    Map<String, Slot> slots = new java.util.HashMap<>(keys);
    Map<String, StoreState.Key> ks = new java.util.HashMap<>();
    Map<String, CompiledPolicy> ps = new java.util.HashMap<>();
    slots.forEach(
        (arn, s) -> {
          ks.put(arn, s.key);
          ps.put(arn, s.policy);
        });
    return new Image(
        slots,
        ks,
        ps,
        new java.util.HashMap<>(materials),
        new java.util.HashMap<>(aliases),
        new java.util.HashMap<>(grantTokens),
        new java.util.HashMap<>(imports));
  }

  private List<StoreCodec.Change> diff(Image before) {
    List<StoreCodec.Change> out = new ArrayList<>();
    Map<String, StoreState.Key> after = new java.util.HashMap<>();
    keys.forEach((arn, s) -> after.put(arn, s.key));
    diff(StoreCodec.KEY, before.keys(), after, out);
    diff(StoreCodec.MATERIAL, before.materials(), materials, out);
    diff(StoreCodec.ALIAS, before.aliases(), aliases, out);
    diff(StoreCodec.TOKEN, before.tokens(), grantTokens, out);
    diff(StoreCodec.IMPORT, before.imports(), imports, out);
    return out;
  }

  private static <V> void diff(
      byte kind, Map<String, V> before, Map<String, V> after, List<StoreCodec.Change> out) {
    after.forEach(
        (id, v) -> {
          if (before.get(id) != v) {
            out.add(new StoreCodec.Change(kind, id, v));
          }
        });
    before.forEach(
        (id, v) -> {
          if (!after.containsKey(id)) {
            out.add(new StoreCodec.Change(kind, id, null));
          }
        });
  }

  /** Puts every record back as it was in {@code before}. */
  private void rollback(Image before) {
    for (String arn : List.copyOf(keys.keySet())) {
      if (!before.slots().containsKey(arn)) {
        Slot s = keys.remove(arn);
        byRegionAndId.remove(new RegionKey(s.key.region(), s.key.keyId()));
      }
    }
    before
        .slots()
        .forEach(
            (arn, s) -> {
              s.key = before.keys().get(arn);
              s.policy = before.policies().get(arn);
              keys.put(arn, s);
              byRegionAndId.put(new RegionKey(s.key.region(), s.key.keyId()), arn);
            });
    restore(materials, before.materials());
    restore(aliases, before.aliases());
    restore(grantTokens, before.tokens());
    restore(imports, before.imports());
  }

  private static <V> void restore(Map<String, V> live, Map<String, V> before) {
    live.keySet().removeIf(id -> !before.containsKey(id));
    live.putAll(before);
  }

  /**
   * Runs a change that is not a KMS call (seeding, AWS managed keys) as one log entry without an
   * audit record: it is committed once the entry is on disk.
   */
  private <T> T system(java.util.function.Supplier<T> body) {
    lock.writeLock().lock();
    try {
      usable();
      Image before = image();
      T result = body.get();
      List<StoreCodec.Change> changes = diff(before);
      if (!changes.isEmpty() && log != null) {
        try {
          log.append(null, changes);
        } catch (IOException | RuntimeException e) {
          rollback(before);
          broken = true;
          throw new StoreException(
              StoreException.Code.IO, "the store could not write the change: " + e.getMessage(), e);
        }
        compactIfDue();
      }
      return result;
    } finally {
      gate.forget();
      lock.writeLock().unlock();
    }
  }

  private void compactIfDue() {
    if (log.sinceSnapshot() >= snapshotEvery) {
      compact();
    }
  }

  /** Writes a snapshot and starts a new log; a failure leaves the old snapshot and log in force. */
  private void compact() {
    try {
      log.compact(loaded());
    } catch (IOException | RuntimeException e) {
      // The log still holds every change; the next compaction tries again.
    }
  }

  private StateLog.Loaded loaded() {
    Map<String, StoreState.Key> ks = new LinkedHashMap<>();
    keys.forEach((arn, s) -> ks.put(arn, s.key));
    return new StateLog.Loaded(
        ks,
        new LinkedHashMap<>(materials),
        new LinkedHashMap<>(aliases),
        new LinkedHashMap<>(grantTokens),
        new LinkedHashMap<>(imports),
        importTokenKey,
        List.of());
  }

  /**
   * Releases the files as a killed process would: no snapshot, no closing checkpoint. For tests of
   * recovery within one JVM.
   */
  void abandon() {
    lock.writeLock().lock();
    try {
      closed = true;
      if (log != null) {
        try {
          log.close();
        } catch (IOException e) {
          // as after a crash
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Closes the store: writes a snapshot, closes the log and the audit log it opened, and zeroes the
   * key material it holds. Later calls fail.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (log != null) {
        if (!broken) {
          compact();
        }
        try {
          log.close();
        } catch (IOException e) {
          // the data is forced already
        }
        ownedAudit.close();
        for (StoreState.Material m : materials.values()) {
          for (StoreState.Version v : m.versions()) {
            java.util.Arrays.fill(v.material(), (byte) 0);
          }
        }
        for (StoreState.Import im : imports.values()) {
          if (im.pendingMaterial() != null) {
            java.util.Arrays.fill(im.pendingMaterial(), (byte) 0);
          }
        }
      }
      java.util.Arrays.fill(importTokenKey, (byte) 0);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Authorizes every check in order; the first refusal throws AccessDeniedException. */
  private void authorize(Op op, List<Gatekeeper.Check> checks) {
    for (Gatekeeper.Check c : checks) {
      Evaluation e = gate.decide(c);
      if (!Gatekeeper.allowed(e)) {
        op.decision = e.decision().name();
        op.evaluations.clear();
        op.evaluations.add(e);
        throw new KmsException("AccessDeniedException", Gatekeeper.deniedMessage(op.subject, c, e));
      }
      op.evaluations.add(e);
      String g = Gatekeeper.allowingGrant(e);
      if (g != null) {
        op.allowingGrant = g;
      }
    }
    op.decision = "ALLOW";
  }

  private Gatekeeper.Check keyCheck(
      Op op, String permission, Slot slot, RequestContext.Builder request) {
    StoreState.Key k = slot.key;
    if (!op.write) {
      // Nothing changes under the read lock, so what the check takes from the records stays put.
      return gate.checkKey(
          op.subject,
          permission,
          k.arn(),
          () -> new Gatekeeper.KeyInputs(slot.policy, facts(k), k.grants()),
          request,
          op.call,
          op.now);
    }
    return gate.check(
        op.subject,
        permission,
        k.arn(),
        slot.policy,
        facts(k),
        k.grants(),
        request,
        op.call,
        op.now);
  }

  private Gatekeeper.Check aliasCheck(Op op, String permission, String aliasArn, String account) {
    return gate.check(
        op.subject,
        permission,
        aliasArn,
        null,
        null,
        List.of(),
        RequestContext.builder(),
        op.call,
        op.now);
  }

  private Gatekeeper.Check iamCheck(Op op, String permission, RequestContext.Builder request) {
    return gate.check(
        op.subject, permission, null, null, null, List.of(), request, op.call, op.now);
  }

  private Gatekeeper.KeyFacts facts(StoreState.Key k) {
    return new Gatekeeper.KeyFacts(
        k.account(),
        k.keySpec(),
        k.keyUsage(),
        k.origin(),
        k.multiRegion(),
        k.region().equals(k.primaryRegion()),
        k.tags(),
        aliasNames(k));
  }

  private static void dryRun(Op op) {
    if (op.call.dryRun()) {
      throw new KmsException("DryRunOperationException", DRY_RUN);
    }
  }

  private static void noDryRun(Op op) {
    if (op.call.dryRun()) {
      throw KmsException.validation(op.operation + " does not support DryRun");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Key resolution and housekeeping.

  private record Target(Slot slot, String requestAlias) {}

  /**
   * The key {@code keyId} names for the caller: a key ID or alias name in the caller's account and
   * the call's Region, or a key ARN or alias ARN (required across accounts).
   */
  private Target resolve(Op op, String keyId, boolean aliasAllowed) {
    if (keyId == null || keyId.isBlank()) {
      throw KmsException.validation("KeyId is required");
    }
    String region = op.call.region();
    Slot known = keys.get(keyId);
    if (known != null && known.key.region().equals(region)) {
      // A key ARN as stored: what the patterns below would find, without running them.
      Slot s = live(keyId);
      if (s == null) {
        throw KmsException.notFound("Key '" + keyId + "' does not exist");
      }
      op.keyArn = s.arn;
      return new Target(s, null);
    }
    String account = op.caller().account();
    String keyArn;
    String requestAlias = null;
    var keyMatch = KEY_ARN.matcher(keyId);
    var aliasMatch = ALIAS_ARN.matcher(keyId);
    if (keyMatch.matches()) {
      if (!keyMatch.group(2).equals(region)) {
        throw KmsException.notFound("Key '" + keyId + "' does not exist in " + region);
      }
      keyArn = keyId;
    } else if (aliasMatch.matches() || keyId.startsWith("alias/")) {
      if (!aliasAllowed) {
        throw KmsException.notFound(
            "Key '" + keyId + "' does not exist: " + op.operation + " needs a key ID or key ARN");
      }
      String aliasArn;
      if (aliasMatch.matches()) {
        if (!aliasMatch.group(2).equals(region)) {
          throw KmsException.notFound("Alias '" + keyId + "' does not exist in " + region);
        }
        aliasArn = keyId;
        requestAlias = aliasMatch.group(4);
      } else {
        aliasArn = aliasArn(account, region, keyId);
        requestAlias = keyId;
      }
      StoreState.Alias a = aliases.get(aliasArn);
      if (a == null) {
        throw KmsException.notFound("Alias '" + aliasArn + "' does not exist");
      }
      keyArn = keyArn(a.account(), a.region(), a.targetKeyId());
    } else if (keyId.startsWith("arn:")) {
      throw KmsException.invalidArn("'" + keyId + "' is not a key ARN or alias ARN");
    } else {
      if (account.isEmpty()) {
        throw KmsException.notFound("Key '" + keyId + "' does not exist");
      }
      keyArn = keyArn(account, region, keyId);
    }
    Slot s = live(keyArn);
    if (s == null) {
      throw KmsException.notFound("Key '" + keyArn + "' does not exist");
    }
    op.keyArn = s.arn;
    return new Target(s, requestAlias);
  }

  /** The slot of {@code arn} after applying due deletions and rotations, or null. */
  private Slot live(String arn) {
    Slot s = keys.get(arn);
    if (s == null) {
      return null;
    }
    Instant now = clock.now();
    StoreState.Key k = s.key;
    if (k.deletionDate() != null && !now.isBefore(k.deletionDate())) {
      writer();
      synchronized (s) {
        if (keys.get(arn) == s) {
          delete(s);
        }
      }
      return null;
    }
    StoreState.Material m = materials.get(k.materialRef());
    if (m != null
        && m.rotationEnabled()
        && m.nextRotation() != null
        && !now.isBefore(m.nextRotation())
        && k.state().equals("Enabled")) {
      writer();
      materials.computeIfPresent(k.materialRef(), (ref, cur) -> rotateDue(cur, now));
    }
    expireImported(k, now);
    return s;
  }

  /** Deletes imported material whose expiry has passed: its keys return to PendingImport. */
  private void expireImported(StoreState.Key k, Instant now) {
    if (!k.origin().equals("EXTERNAL")) {
      return;
    }
    StoreState.Import im = imports.get(k.materialRef());
    if (im == null || im.validTo() == null || now.isBefore(im.validTo())) {
      return;
    }
    writer();
    deleteImportedMaterial(k.materialRef());
  }

  /** Makes a read-only call rerun as a writer: it is about to change state. */
  private void writer() {
    if (!lock.isWriteLockedByCurrentThread()) {
      throw ESCALATE;
    }
  }

  private StoreState.Material rotateDue(StoreState.Material m, Instant now) {
    StoreState.Material cur = m;
    while (cur.rotationEnabled()
        && cur.nextRotation() != null
        && !now.isBefore(cur.nextRotation())) {
      Instant at = cur.nextRotation();
      cur = withVersion(cur, at, "AUTOMATIC");
      cur =
          new StoreState.Material(
              cur.ref(),
              cur.keySpec(),
              cur.versions(),
              true,
              cur.rotationPeriodDays(),
              at.plus(Duration.ofDays(cur.rotationPeriodDays())),
              cur.onDemandRotations());
    }
    return cur;
  }

  private StoreState.Material withVersion(StoreState.Material m, Instant at, String type) {
    List<StoreState.Version> versions = new ArrayList<>(m.versions());
    versions.add(
        new StoreState.Version(
            versions.size(), hex(32), crypto.generateMaterial(m.keySpec()), at, type));
    return new StoreState.Material(
        m.ref(),
        m.keySpec(),
        versions,
        m.rotationEnabled(),
        m.rotationPeriodDays(),
        m.nextRotation(),
        m.onDemandRotations());
  }

  /** Removes a key whose deletion date has passed, with its aliases and grant tokens. */
  private void delete(Slot s) {
    StoreState.Key k = s.key;
    keys.remove(s.arn);
    byRegionAndId.remove(new RegionKey(k.region(), k.keyId()));
    synchronized (aliasLock(k.account(), k.region())) {
      aliases
          .values()
          .removeIf(
              a ->
                  a.account().equals(k.account())
                      && a.region().equals(k.region())
                      && a.targetKeyId().equals(k.keyId()));
    }
    Set<String> ids = new java.util.HashSet<>();
    k.grants().forEach(g -> ids.add(g.grantId()));
    grantTokens.values().removeIf(ids::contains);
    boolean shared =
        keys.values().stream().anyMatch(o -> o.key.materialRef().equals(k.materialRef()));
    if (!shared) {
      materials.remove(k.materialRef());
      imports.remove(k.materialRef());
    } else if (k.multiRegion() && !k.region().equals(k.primaryRegion())) {
      // The last replica gone starts the primary's own waiting period.
      Slot primary = keys.get(keyArn(k.account(), k.primaryRegion(), k.keyId()));
      if (primary != null) {
        synchronized (primary) {
          StoreState.Key p = primary.key;
          if (p.state().equals("PendingReplicaDeletion") && replicas(p).isEmpty()) {
            Instant start = k.deletionDate() != null ? k.deletionDate() : clock.now();
            primary.key =
                withState(
                    p,
                    "PendingDeletion",
                    start.plus(Duration.ofDays(p.pendingWindowDays())),
                    p.pendingWindowDays());
          }
        }
      }
    }
  }

  private List<StoreState.Key> replicas(StoreState.Key primary) {
    List<StoreState.Key> out = new ArrayList<>();
    for (Slot o : keys.values()) {
      StoreState.Key k = o.key;
      if (k.materialRef().equals(primary.materialRef()) && !k.region().equals(primary.region())) {
        out.add(k);
      }
    }
    out.sort(Comparator.comparing(StoreState.Key::region));
    return out;
  }

  private Object aliasLock(String account, String region) {
    return aliasLocks.computeIfAbsent(account + "|" + region, x -> new Object());
  }

  private List<String> aliasNames(StoreState.Key k) {
    List<String> out = new ArrayList<>();
    for (StoreState.Alias a : aliases.values()) {
      if (a.targetKeyId().equals(k.keyId())
          && a.account().equals(k.account())
          && a.region().equals(k.region())) {
        out.add(a.name());
      }
    }
    out.sort(null);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Key states (reference §7.3).

  private enum Rule {
    USE,
    ANY,
    ENABLE_DISABLE,
    ROTATION,
    SCHEDULE,
    CANCEL,
    CHANGE,
    REPLICATION
  }

  private static void requireState(Rule rule, StoreState.Key k) {
    String state = k.state();
    String arn = k.arn();
    switch (rule) {
      case ANY -> {}
      case USE, REPLICATION -> {
        if (state.equals("Disabled")) {
          throw KmsException.disabled(arn + " is disabled.");
        }
        if (!state.equals("Enabled")) {
          throw KmsException.invalidState(arn + " is " + words(state) + ".");
        }
      }
      case ENABLE_DISABLE -> {
        if (!state.equals("Enabled") && !state.equals("Disabled")) {
          throw KmsException.invalidState(arn + " is " + words(state) + ".");
        }
      }
      case ROTATION -> {
        if (state.equals("PendingImport")) {
          throw KmsException.unsupported(arn + " has no key material; it is pending import.");
        }
        if (state.equals("Disabled")) {
          throw KmsException.disabled(arn + " is disabled.");
        }
        if (!state.equals("Enabled")) {
          throw KmsException.invalidState(arn + " is " + words(state) + ".");
        }
      }
      case SCHEDULE -> {
        if (k.pendingDeletion()) {
          throw KmsException.invalidState(arn + " is " + words(state) + ".");
        }
      }
      case CANCEL -> {
        if (!k.pendingDeletion()) {
          throw KmsException.invalidState(
              arn + " is not pending deletion; it is " + words(state) + ".");
        }
      }
      case CHANGE -> {
        if (k.pendingDeletion()) {
          throw KmsException.invalidState(arn + " is " + words(state) + ".");
        }
      }
    }
  }

  private static String words(String state) {
    return switch (state) {
      case "PendingDeletion" -> "pending deletion";
      case "PendingReplicaDeletion" -> "pending replica deletion";
      case "PendingImport" -> "pending import";
      default -> state.toLowerCase(Locale.ROOT);
    };
  }

  private static void requireCustomerManaged(StoreState.Key k, String what) {
    if (k.awsManaged()) {
      throw KmsException.unsupported(
          k.arn() + " is an AWS managed key; only AWS can " + what + " it.");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Keys.

  /** CreateKey. */
  public Kms.KeyMetadata createKey(Call call, Kms.CreateKeyRequest req) {
    return run(
        call,
        "CreateKey",
        op -> {
          noDryRun(op);
          Objects.requireNonNull(req, "request");
          String spec = req.keySpec() == null ? "SYMMETRIC_DEFAULT" : req.keySpec();
          String usage = req.keyUsage() == null ? defaultUsage(spec) : req.keyUsage();
          String origin = req.origin() == null ? "AWS_KMS" : req.origin();
          op.params.put("keySpec", spec);
          op.params.put("keyUsage", usage);
          op.params.put("origin", origin);
          op.params.put("multiRegion", req.multiRegion());
          if (req.description() != null) {
            op.params.put("description", req.description());
          }
          if (!req.tags().isEmpty()) {
            op.params.put("tags", new TreeMap<>(req.tags()));
          }
          if (req.bypassPolicyLockoutSafetyCheck() != null) {
            op.params.put("bypassPolicyLockoutSafetyCheck", req.bypassPolicyLockoutSafetyCheck());
          }
          validateSpec(spec, usage, origin);
          validateDescription(req.description());
          validateTags(req.tags());
          String account = op.caller().account();
          if (account.isEmpty()) {
            throw KmsException.validation("a service principal cannot own keys");
          }
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:KeySpec", spec);
          rc.put("kms:KeyUsage", usage);
          rc.put("kms:KeyOrigin", origin);
          rc.put("kms:MultiRegion", String.valueOf(req.multiRegion()));
          if (req.multiRegion()) {
            rc.put("kms:MultiRegionKeyType", "PRIMARY");
          }
          if (req.bypassPolicyLockoutSafetyCheck() != null) {
            rc.put(
                "kms:BypassPolicyLockoutSafetyCheck",
                String.valueOf(req.bypassPolicyLockoutSafetyCheck()));
          }
          requestTags(rc, req.tags());
          authorize(op, List.of(iamCheck(op, "kms:CreateKey", rc)));
          String keyId = req.multiRegion() ? "mrk-" + hex(16) : uuid();
          String region = op.call.region();
          String arn = keyArn(account, region, keyId);
          op.keyArn = arn;
          String policy = req.policy() == null ? defaultPolicy(account) : req.policy();
          CompiledPolicy compiled = gate.compileKeyPolicy("key policy of " + arn, policy);
          StoreState.Key key =
              new StoreState.Key(
                  arn,
                  account,
                  region,
                  keyId,
                  spec,
                  usage,
                  origin,
                  req.multiRegion(),
                  req.multiRegion() ? region : null,
                  "CUSTOMER",
                  req.description() == null ? "" : req.description(),
                  origin.equals("EXTERNAL") ? "PendingImport" : "Enabled",
                  op.now,
                  null,
                  null,
                  policy,
                  req.tags(),
                  List.of(),
                  account + "/" + keyId);
          if (req.policy() != null && !Boolean.TRUE.equals(req.bypassPolicyLockoutSafetyCheck())) {
            lockoutCheck(op, key, compiled);
          }
          List<StoreState.Version> versions =
              origin.equals("EXTERNAL")
                  ? List.of()
                  : List.of(
                      new StoreState.Version(
                          0, hex(32), crypto.generateMaterial(spec), op.now, null));
          materials.put(
              key.materialRef(),
              new StoreState.Material(key.materialRef(), spec, versions, false, 365, null, 0));
          install(new Slot(arn, key, compiled));
          Kms.KeyMetadata md = metadata(key);
          op.response.put("keyMetadata", md);
          return md;
        });
  }

  /**
   * Creates the AWS managed key of {@code service} ({@code alias/aws/<service>}) in an account and
   * Region, with AWS's policy shape (use through the service by principals of the account, metadata
   * for the account), rotated every year; returns the existing one when present. Not a KMS API
   * call: AWS services create these keys themselves.
   */
  public Kms.KeyMetadata createAwsManagedKey(String account, String region, String service) {
    if (!Caller.parse(account).account().equals(account)
        || !Regions.valid(region)
        || !service.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("invalid account, Region or service name");
    }
    return system(() -> awsManagedKey(account, region, service));
  }

  private Kms.KeyMetadata awsManagedKey(String account, String region, String service) {
    String aliasName = "alias/aws/" + service;
    synchronized (aliasLock(account, region)) {
      StoreState.Alias existing = aliases.get(aliasArn(account, region, aliasName));
      if (existing != null) {
        return metadata(keys.get(keyArn(account, region, existing.targetKeyId())).key);
      }
      Instant now = clock.now();
      String keyId = uuid();
      String arn = keyArn(account, region, keyId);
      String policy = awsManagedPolicy(account, region, service);
      CompiledPolicy compiled = gate.compileKeyPolicy("key policy of " + arn, policy);
      StoreState.Key key =
          new StoreState.Key(
              arn,
              account,
              region,
              keyId,
              "SYMMETRIC_DEFAULT",
              "ENCRYPT_DECRYPT",
              "AWS_KMS",
              false,
              null,
              "AWS",
              "Default key that protects my " + service + " data when no other key is defined",
              "Enabled",
              now,
              null,
              null,
              policy,
              Map.of(),
              List.of(),
              account + "/" + keyId);
      materials.put(
          key.materialRef(),
          new StoreState.Material(
              key.materialRef(),
              "SYMMETRIC_DEFAULT",
              List.of(
                  new StoreState.Version(
                      0, hex(32), crypto.generateMaterial("SYMMETRIC_DEFAULT"), now, null)),
              true,
              365,
              now.plus(Duration.ofDays(365)),
              0));
      install(new Slot(arn, key, compiled));
      aliases.put(
          aliasArn(account, region, aliasName),
          new StoreState.Alias(
              aliasArn(account, region, aliasName), account, region, aliasName, keyId, now, now));
      return metadata(key);
    }
  }

  private void install(Slot s) {
    keys.put(s.arn, s);
    byRegionAndId.put(new RegionKey(s.key.region(), s.key.keyId()), s.arn);
  }

  /** The lockout safety check: the caller must still be able to call PutKeyPolicy. */
  private void lockoutCheck(Op op, StoreState.Key key, CompiledPolicy policy) {
    Gatekeeper.Check c =
        gate.check(
            op.subject,
            "kms:PutKeyPolicy",
            key.arn(),
            policy,
            facts(key),
            key.grants(),
            RequestContext.builder(),
            op.call,
            op.now);
    if (!Gatekeeper.allowed(gate.decide(c))) {
      throw new KmsException(
          "MalformedPolicyDocumentException",
          "The new key policy will not allow you to update the key policy in the future.");
    }
  }

  /** DescribeKey. */
  public Kms.KeyMetadata describeKey(Call call, String keyId) {
    return run(
        call,
        "DescribeKey",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, true);
          authorize(op, List.of(keyCheck(op, "kms:DescribeKey", t.slot, alias(t))));
          Kms.KeyMetadata md = metadata(t.slot.key);
          op.response.put("keyMetadata", md);
          return md;
        });
  }

  /** ListKeys: the keys of the caller's account in the call's Region. */
  public Kms.Page<Kms.KeyListEntry> listKeys(Call call, Integer limit, String marker) {
    return run(
        call,
        "ListKeys",
        op -> {
          noDryRun(op);
          int n = limit(limit, 1000);
          authorize(op, List.of(iamCheck(op, "kms:ListKeys", RequestContext.builder())));
          String account = op.caller().account();
          List<Kms.KeyListEntry> all = new ArrayList<>();
          for (String arn : List.copyOf(keys.keySet())) {
            Slot s = live(arn);
            if (s != null
                && s.key.account().equals(account)
                && s.key.region().equals(op.call.region())) {
              all.add(new Kms.KeyListEntry(s.key.keyId(), s.arn));
            }
          }
          all.sort(Comparator.comparing(Kms.KeyListEntry::keyId));
          return page(all, n, marker, Kms.KeyListEntry::keyId);
        });
  }

  /** UpdateKeyDescription. */
  public void updateKeyDescription(Call call, String keyId, String description) {
    run(
        call,
        "UpdateKeyDescription",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("description", description);
          validateDescription(description);
          Target t = resolve(op, keyId, false);
          authorize(
              op,
              List.of(keyCheck(op, "kms:UpdateKeyDescription", t.slot, RequestContext.builder())));
          mutate(
              t.slot,
              k -> {
                requireState(Rule.CHANGE, k);
                requireCustomerManaged(k, "describe");
                return copy(
                    k, description == null ? "" : description, k.tags(), k.grants(), k.policy());
              });
          return null;
        });
  }

  /** EnableKey. */
  public void enableKey(Call call, String keyId) {
    setEnabled(call, "EnableKey", keyId, "Enabled");
  }

  /** DisableKey. */
  public void disableKey(Call call, String keyId) {
    setEnabled(call, "DisableKey", keyId, "Disabled");
  }

  private void setEnabled(Call call, String operation, String keyId, String state) {
    run(
        call,
        operation,
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:" + operation, t.slot, RequestContext.builder())));
          mutate(
              t.slot,
              k -> {
                requireState(Rule.ENABLE_DISABLE, k);
                requireCustomerManaged(k, "enable or disable");
                return withState(k, state, null, null);
              });
          return null;
        });
  }

  /** ScheduleKeyDeletion: 7–30 days, default 30. */
  public Kms.DeletionSchedule scheduleKeyDeletion(
      Call call, String keyId, Integer pendingWindowInDays) {
    return run(
        call,
        "ScheduleKeyDeletion",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          if (pendingWindowInDays != null) {
            op.params.put("pendingWindowInDays", pendingWindowInDays);
          }
          int days = pendingWindowInDays == null ? 30 : pendingWindowInDays;
          if (days < 7 || days > 30) {
            throw KmsException.validation("PendingWindowInDays must be between 7 and 30");
          }
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          if (pendingWindowInDays != null) {
            rc.put("kms:ScheduleKeyDeletionPendingWindowInDays", String.valueOf(days));
          }
          authorize(op, List.of(keyCheck(op, "kms:ScheduleKeyDeletion", t.slot, rc)));
          StoreState.Key done =
              mutate(
                  t.slot,
                  k -> {
                    requireState(Rule.SCHEDULE, k);
                    requireCustomerManaged(k, "delete");
                    boolean primaryWithReplicas =
                        k.multiRegion()
                            && k.region().equals(k.primaryRegion())
                            && !replicas(k).isEmpty();
                    return primaryWithReplicas
                        ? withState(k, "PendingReplicaDeletion", null, days)
                        : withState(k, "PendingDeletion", op.now.plus(Duration.ofDays(days)), days);
                  });
          Kms.DeletionSchedule r =
              new Kms.DeletionSchedule(done.arn(), done.deletionDate(), done.state(), days);
          op.response.put("keyState", done.state());
          op.response.put("deletionDate", String.valueOf(done.deletionDate()));
          return r;
        });
  }

  /** CancelKeyDeletion: the key returns to Disabled. */
  public void cancelKeyDeletion(Call call, String keyId) {
    run(
        call,
        "CancelKeyDeletion",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:CancelKeyDeletion", t.slot, RequestContext.builder())));
          mutate(
              t.slot,
              k -> {
                requireState(Rule.CANCEL, k);
                return withState(k, "Disabled", null, null);
              });
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Key policies.

  /** GetKeyPolicy; the only policy name is {@code default}. */
  public String getKeyPolicy(Call call, String keyId, String policyName) {
    return run(
        call,
        "GetKeyPolicy",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:GetKeyPolicy", t.slot, RequestContext.builder())));
          if (policyName != null && !policyName.equals("default")) {
            throw KmsException.notFound("No such policy exists: " + policyName);
          }
          return t.slot.key.policy();
        });
  }

  /** ListKeyPolicies: always {@code default}. */
  public List<String> listKeyPolicies(Call call, String keyId) {
    return run(
        call,
        "ListKeyPolicies",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:ListKeyPolicies", t.slot, RequestContext.builder())));
          return List.of("default");
        });
  }

  /** PutKeyPolicy, with the lockout safety check unless bypassed. */
  public void putKeyPolicy(
      Call call, String keyId, String policyName, String policy, Boolean bypassLockoutCheck) {
    run(
        call,
        "PutKeyPolicy",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("policyName", policyName);
          op.params.put("policy", policy);
          if (bypassLockoutCheck != null) {
            op.params.put("bypassPolicyLockoutSafetyCheck", bypassLockoutCheck);
          }
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          if (bypassLockoutCheck != null) {
            rc.put("kms:BypassPolicyLockoutSafetyCheck", String.valueOf(bypassLockoutCheck));
          }
          authorize(op, List.of(keyCheck(op, "kms:PutKeyPolicy", t.slot, rc)));
          if (policyName != null && !policyName.equals("default")) {
            throw KmsException.validation("the only policy name is `default`");
          }
          requireCustomerManaged(t.slot.key, "change the policy of");
          CompiledPolicy compiled = gate.compileKeyPolicy("key policy of " + t.slot.arn, policy);
          synchronized (t.slot) {
            StoreState.Key k = t.slot.key;
            if (!Boolean.TRUE.equals(bypassLockoutCheck)) {
              lockoutCheck(op, k, compiled);
            }
            t.slot.key = copy(k, k.description(), k.tags(), k.grants(), policy);
            t.slot.policy = compiled;
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Aliases.

  /** CreateAlias. */
  public void createAlias(Call call, String aliasName, String targetKeyId) {
    run(
        call,
        "CreateAlias",
        op -> {
          noDryRun(op);
          op.params.put("aliasName", aliasName);
          op.params.put("targetKeyId", targetKeyId);
          validateAliasName(aliasName);
          Target t = resolve(op, targetKeyId, false);
          StoreState.Key k = t.slot.key;
          requireSameAccount(op, k);
          String aliasArn = aliasArn(k.account(), k.region(), aliasName);
          authorize(
              op,
              List.of(
                  aliasCheck(op, "kms:CreateAlias", aliasArn, k.account()),
                  keyCheck(op, "kms:CreateAlias", t.slot, RequestContext.builder())));
          requireState(Rule.CHANGE, k);
          requireCustomerManaged(k, "name");
          synchronized (aliasLock(k.account(), k.region())) {
            if (aliases.containsKey(aliasArn)) {
              throw new KmsException(
                  "AlreadyExistsException",
                  "An alias with the name " + aliasArn + " already exists");
            }
            if (aliasNames(k).size() >= MAX_ALIASES_PER_KEY) {
              throw new KmsException(
                  "LimitExceededException",
                  k.arn() + " already has " + MAX_ALIASES_PER_KEY + " aliases");
            }
            aliases.put(
                aliasArn,
                new StoreState.Alias(
                    aliasArn, k.account(), k.region(), aliasName, k.keyId(), op.now, op.now));
          }
          return null;
        });
  }

  /** UpdateAlias: points an alias at another key of the same type and usage. */
  public void updateAlias(Call call, String aliasName, String targetKeyId) {
    run(
        call,
        "UpdateAlias",
        op -> {
          noDryRun(op);
          op.params.put("aliasName", aliasName);
          op.params.put("targetKeyId", targetKeyId);
          validateAliasName(aliasName);
          String account = op.caller().account();
          String aliasArn = aliasArn(account, op.call.region(), aliasName);
          StoreState.Alias a = aliases.get(aliasArn);
          if (a == null) {
            throw KmsException.notFound("Alias '" + aliasArn + "' does not exist");
          }
          Slot current = live(keyArn(a.account(), a.region(), a.targetKeyId()));
          Target t = resolve(op, targetKeyId, false);
          StoreState.Key k = t.slot.key;
          requireSameAccount(op, k);
          authorize(
              op,
              List.of(
                  aliasCheck(op, "kms:UpdateAlias", aliasArn, account),
                  keyCheck(op, "kms:UpdateAlias", current, RequestContext.builder()),
                  keyCheck(op, "kms:UpdateAlias", t.slot, RequestContext.builder())));
          requireState(Rule.CHANGE, k);
          requireCustomerManaged(k, "name");
          StoreState.Key old = current.key;
          if (!old.keySpec().equals(k.keySpec()) || !old.keyUsage().equals(k.keyUsage())) {
            throw KmsException.validation(
                "the alias's current key and the new key must have the same key spec and usage");
          }
          synchronized (aliasLock(account, op.call.region())) {
            StoreState.Alias now = aliases.get(aliasArn);
            if (now == null) {
              throw KmsException.notFound("Alias '" + aliasArn + "' does not exist");
            }
            aliases.put(
                aliasArn,
                new StoreState.Alias(
                    aliasArn,
                    now.account(),
                    now.region(),
                    now.name(),
                    k.keyId(),
                    now.created(),
                    op.now));
          }
          return null;
        });
  }

  /** DeleteAlias. */
  public void deleteAlias(Call call, String aliasName) {
    run(
        call,
        "DeleteAlias",
        op -> {
          noDryRun(op);
          op.params.put("aliasName", aliasName);
          validateAliasName(aliasName);
          String account = op.caller().account();
          String aliasArn = aliasArn(account, op.call.region(), aliasName);
          StoreState.Alias a = aliases.get(aliasArn);
          if (a == null) {
            throw KmsException.notFound("Alias '" + aliasArn + "' does not exist");
          }
          Slot key = live(keyArn(a.account(), a.region(), a.targetKeyId()));
          op.keyArn = key.arn;
          authorize(
              op,
              List.of(
                  aliasCheck(op, "kms:DeleteAlias", aliasArn, account),
                  keyCheck(op, "kms:DeleteAlias", key, RequestContext.builder())));
          synchronized (aliasLock(account, op.call.region())) {
            aliases.remove(aliasArn);
          }
          return null;
        });
  }

  /** ListAliases of the caller's account in the call's Region, optionally of one key. */
  public Kms.Page<Kms.AliasListEntry> listAliases(
      Call call, String keyId, Integer limit, String marker) {
    return run(
        call,
        "ListAliases",
        op -> {
          noDryRun(op);
          int n = limit(limit, 100);
          authorize(op, List.of(iamCheck(op, "kms:ListAliases", RequestContext.builder())));
          String filter = null;
          if (keyId != null) {
            Target t = resolve(op, keyId, false);
            filter = t.slot.key.keyId();
          }
          String account = op.caller().account();
          List<Kms.AliasListEntry> all = new ArrayList<>();
          for (StoreState.Alias a : List.copyOf(aliases.values())) {
            if (!a.account().equals(account) || !a.region().equals(op.call.region())) {
              continue;
            }
            if (filter != null && !a.targetKeyId().equals(filter)) {
              continue;
            }
            if (live(keyArn(a.account(), a.region(), a.targetKeyId())) == null) {
              continue;
            }
            all.add(
                new Kms.AliasListEntry(
                    a.name(), a.aliasArn(), a.targetKeyId(), a.created(), a.updated()));
          }
          all.sort(Comparator.comparing(Kms.AliasListEntry::aliasName));
          return page(all, n, marker, Kms.AliasListEntry::aliasName);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Tags.

  /** TagResource: adds or replaces tags. */
  public void tagResource(Call call, String keyId, Map<String, String> tags) {
    run(
        call,
        "TagResource",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("tags", new TreeMap<>(tags));
          validateTags(tags);
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          requestTags(rc, tags);
          authorize(op, List.of(keyCheck(op, "kms:TagResource", t.slot, rc)));
          mutate(
              t.slot,
              k -> {
                requireState(Rule.CHANGE, k);
                requireCustomerManaged(k, "tag");
                Map<String, String> merged = new TreeMap<>(k.tags());
                merged.putAll(tags);
                if (merged.size() > MAX_TAGS) {
                  throw new KmsException("TagException", "a key has at most " + MAX_TAGS + " tags");
                }
                return copy(k, k.description(), merged, k.grants(), k.policy());
              });
          return null;
        });
  }

  /** UntagResource. */
  public void untagResource(Call call, String keyId, List<String> tagKeys) {
    run(
        call,
        "UntagResource",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("tagKeys", List.copyOf(tagKeys));
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("aws:TagKeys", tagKeys);
          authorize(op, List.of(keyCheck(op, "kms:UntagResource", t.slot, rc)));
          mutate(
              t.slot,
              k -> {
                requireState(Rule.CHANGE, k);
                requireCustomerManaged(k, "untag");
                Map<String, String> left = new TreeMap<>(k.tags());
                tagKeys.forEach(left::remove);
                return copy(k, k.description(), left, k.grants(), k.policy());
              });
          return null;
        });
  }

  /** ListResourceTags. */
  public Kms.Page<Kms.Tag> listResourceTags(Call call, String keyId, Integer limit, String marker) {
    return run(
        call,
        "ListResourceTags",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          int n = limit(limit, 50);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:ListResourceTags", t.slot, RequestContext.builder())));
          List<Kms.Tag> all = new ArrayList<>();
          new TreeMap<>(t.slot.key.tags()).forEach((k, v) -> all.add(new Kms.Tag(k, v)));
          return page(all, n, marker, Kms.Tag::tagKey);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Grants.

  /** CreateGrant. */
  public Kms.CreateGrantResponse createGrant(Call call, Kms.CreateGrantRequest req) {
    return run(
        call,
        "CreateGrant",
        op -> {
          op.params.put("keyId", req.keyId());
          op.params.put("granteePrincipal", req.granteePrincipal());
          if (req.retiringPrincipal() != null) {
            op.params.put("retiringPrincipal", req.retiringPrincipal());
          }
          op.params.put("operations", req.operations());
          if (req.encryptionContextEquals() != null) {
            op.params.put(
                "constraints.encryptionContextEquals",
                new TreeMap<>(req.encryptionContextEquals()));
          }
          if (req.encryptionContextSubset() != null) {
            op.params.put(
                "constraints.encryptionContextSubset",
                new TreeMap<>(req.encryptionContextSubset()));
          }
          if (req.name() != null) {
            op.params.put("name", req.name());
          }
          Target t = resolve(op, req.keyId(), false);
          StoreState.Key k = t.slot.key;
          validateGrant(req, k);
          validateTokens(req.grantTokens(), k);
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:GrantOperations", req.operations());
          rc.put("kms:GranteePrincipal", req.granteePrincipal());
          if (req.retiringPrincipal() != null) {
            rc.put("kms:RetiringPrincipal", req.retiringPrincipal());
          }
          Map<String, String> constraint = null;
          if (req.encryptionContextEquals() != null) {
            rc.put("kms:GrantConstraintType", "EncryptionContextEquals");
            constraint = req.encryptionContextEquals();
          } else if (req.encryptionContextSubset() != null) {
            rc.put("kms:GrantConstraintType", "EncryptionContextSubset");
            constraint = req.encryptionContextSubset();
          }
          if (constraint != null) {
            context(rc, constraint);
          }
          authorize(op, List.of(keyCheck(op, "kms:CreateGrant", t.slot, rc)));
          if (op.allowingGrant != null) {
            requireChildOfGrant(op, k, req);
          }
          requireState(Rule.USE, k);
          dryRun(op);
          String token = hex(32);
          StoreState.Grant made;
          synchronized (t.slot) {
            StoreState.Key cur = t.slot.key;
            StoreState.Grant same = null;
            for (StoreState.Grant g : cur.grants()) {
              if (req.name() != null
                  && req.name().equals(g.name())
                  && g.grantee().equals(req.granteePrincipal())
                  && Objects.equals(g.retiringPrincipal(), req.retiringPrincipal())
                  && Set.copyOf(g.operations()).equals(Set.copyOf(req.operations()))
                  && Objects.equals(g.contextEquals(), req.encryptionContextEquals())
                  && Objects.equals(g.contextSubset(), req.encryptionContextSubset())) {
                same = g;
              }
            }
            if (same != null) {
              made = same;
            } else {
              if (cur.grants().size() >= MAX_GRANTS_PER_KEY) {
                throw new KmsException(
                    "LimitExceededException",
                    cur.arn() + " already has " + MAX_GRANTS_PER_KEY + " grants");
              }
              made =
                  new StoreState.Grant(
                      hex(32),
                      req.name(),
                      req.granteePrincipal(),
                      req.retiringPrincipal(),
                      req.operations(),
                      req.encryptionContextEquals(),
                      req.encryptionContextSubset(),
                      cur.account(),
                      op.now);
              List<StoreState.Grant> grants = new ArrayList<>(cur.grants());
              grants.add(made);
              t.slot.key = copy(cur, cur.description(), cur.tags(), grants, cur.policy());
            }
            grantTokens.put(token, made.grantId());
          }
          op.response.put("grantId", made.grantId());
          return new Kms.CreateGrantResponse(made.grantId(), token);
        });
  }

  private void requireChildOfGrant(Op op, StoreState.Key k, Kms.CreateGrantRequest req) {
    StoreState.Grant parent =
        k.grants().stream()
            .filter(g -> g.grantId().equals(op.allowingGrant))
            .findFirst()
            .orElse(null);
    if (parent == null) {
      return;
    }
    boolean ops = Set.copyOf(parent.operations()).containsAll(req.operations());
    boolean stricter = true;
    if (parent.contextEquals() != null) {
      stricter = parent.contextEquals().equals(req.encryptionContextEquals());
    } else if (parent.contextSubset() != null) {
      Map<String, String> child =
          req.encryptionContextEquals() != null
              ? req.encryptionContextEquals()
              : req.encryptionContextSubset();
      stricter = child != null && child.entrySet().containsAll(parent.contextSubset().entrySet());
    }
    if (!ops || !stricter) {
      op.decision = "IMPLICIT_DENY";
      throw new KmsException(
          "AccessDeniedException",
          "User: "
              + op.caller().arn()
              + " is not authorized to perform: kms:CreateGrant on resource: "
              + k.arn()
              + " because a grant can create only grants with its own operations and an equal or"
              + " stricter constraint");
    }
  }

  /** ListGrants of a key, optionally filtered by grant ID or grantee. */
  public Kms.Page<Kms.GrantListEntry> listGrants(
      Call call,
      String keyId,
      String grantId,
      String granteePrincipal,
      Integer limit,
      String marker) {
    return run(
        call,
        "ListGrants",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          int n = limit(limit, 100);
          Target t = resolve(op, keyId, false);
          authorize(op, List.of(keyCheck(op, "kms:ListGrants", t.slot, RequestContext.builder())));
          List<Kms.GrantListEntry> all = new ArrayList<>();
          for (StoreState.Grant g : t.slot.key.grants()) {
            if ((grantId == null || grantId.equals(g.grantId()))
                && (granteePrincipal == null || granteePrincipal.equals(g.grantee()))) {
              all.add(entry(t.slot.key, g));
            }
          }
          return page(all, n, marker, Kms.GrantListEntry::grantId);
        });
  }

  /** ListRetirableGrants: grants in the call's Region whose retiring principal is given. */
  public Kms.Page<Kms.GrantListEntry> listRetirableGrants(
      Call call, String retiringPrincipal, Integer limit, String marker) {
    return run(
        call,
        "ListRetirableGrants",
        op -> {
          noDryRun(op);
          op.params.put("retiringPrincipal", retiringPrincipal);
          int n = limit(limit, 100);
          authorize(op, List.of(iamCheck(op, "kms:ListRetirableGrants", RequestContext.builder())));
          List<Kms.GrantListEntry> all = new ArrayList<>();
          for (String arn : List.copyOf(keys.keySet())) {
            Slot s = live(arn);
            if (s == null || !s.key.region().equals(op.call.region())) {
              continue;
            }
            for (StoreState.Grant g : s.key.grants()) {
              if (retiringPrincipal.equals(g.retiringPrincipal())) {
                all.add(entry(s.key, g));
              }
            }
          }
          all.sort(Comparator.comparing(Kms.GrantListEntry::grantId));
          return page(all, n, marker, Kms.GrantListEntry::grantId);
        });
  }

  /**
   * RetireGrant, by grant token or by key ARN and grant ID. Allowed for the grant's retiring
   * principal, its grantee when the grant includes RetireGrant, and the root user of the account
   * that created it; explicit denies in the policies still apply.
   */
  public void retireGrant(Call call, String grantToken, String keyId, String grantId) {
    run(
        call,
        "RetireGrant",
        op -> {
          String id = grantId;
          Slot slot;
          if (grantToken != null) {
            id = grantTokens.get(grantToken);
            if (id == null) {
              throw new KmsException("InvalidGrantTokenException", "the grant token is not valid");
            }
            slot = slotOfGrant(id);
            if (slot == null || (keyId != null && !slot.arn.equals(keyId))) {
              throw new KmsException("InvalidGrantTokenException", "the grant token is not valid");
            }
            op.keyArn = slot.arn;
          } else {
            if (keyId == null || grantId == null) {
              throw KmsException.validation("give a grant token, or a key ARN and a grant ID");
            }
            if (!KEY_ARN.matcher(keyId).matches()) {
              throw KmsException.validation("RetireGrant needs the key ARN");
            }
            slot = resolve(op, keyId, false).slot;
          }
          op.params.put("keyId", slot.arn);
          op.params.put("grantId", id);
          String gid = id;
          StoreState.Grant g =
              slot.key.grants().stream()
                  .filter(x -> x.grantId().equals(gid))
                  .findFirst()
                  .orElse(null);
          if (g == null) {
            throw KmsException.notFound("Grant " + gid + " does not exist on " + slot.arn);
          }
          List<StoreState.Grant> authority = new ArrayList<>();
          if (g.operations().contains("RetireGrant")) {
            authority.add(g);
          }
          if (g.retiringPrincipal() != null) {
            authority.add(
                new StoreState.Grant(
                    g.grantId(),
                    g.name(),
                    rootIfAccount(g.retiringPrincipal()),
                    null,
                    List.of("RetireGrant"),
                    null,
                    null,
                    g.issuingAccount(),
                    g.created()));
          }
          authority.add(
              new StoreState.Grant(
                  g.grantId(),
                  g.name(),
                  "arn:aws:iam::" + g.issuingAccount() + ":root",
                  null,
                  List.of("RetireGrant"),
                  null,
                  null,
                  g.issuingAccount(),
                  g.created()));
          StoreState.Key k = slot.key;
          authorize(
              op,
              List.of(
                  gate.check(
                      op.subject,
                      "kms:RetireGrant",
                      k.arn(),
                      slot.policy,
                      facts(k),
                      authority,
                      RequestContext.builder(),
                      op.call,
                      op.now)));
          dryRun(op);
          removeGrant(slot, gid);
          return null;
        });
  }

  /** RevokeGrant. */
  public void revokeGrant(Call call, String keyId, String grantId) {
    run(
        call,
        "RevokeGrant",
        op -> {
          op.params.put("keyId", keyId);
          op.params.put("grantId", grantId);
          Target t = resolve(op, keyId, false);
          authorize(op, List.of(keyCheck(op, "kms:RevokeGrant", t.slot, RequestContext.builder())));
          if (t.slot.key.grants().stream().noneMatch(g -> g.grantId().equals(grantId))) {
            throw KmsException.notFound("Grant " + grantId + " does not exist on " + t.slot.arn);
          }
          dryRun(op);
          removeGrant(t.slot, grantId);
          return null;
        });
  }

  private void removeGrant(Slot slot, String grantId) {
    synchronized (slot) {
      StoreState.Key k = slot.key;
      List<StoreState.Grant> left = new ArrayList<>(k.grants());
      left.removeIf(g -> g.grantId().equals(grantId));
      slot.key = copy(k, k.description(), k.tags(), left, k.policy());
    }
    grantTokens.values().removeIf(grantId::equals);
  }

  private Slot slotOfGrant(String grantId) {
    for (String arn : List.copyOf(keys.keySet())) {
      Slot s = live(arn);
      if (s != null && s.key.grants().stream().anyMatch(g -> g.grantId().equals(grantId))) {
        return s;
      }
    }
    return null;
  }

  private static String rootIfAccount(String principal) {
    return principal.matches("\\d{12}") ? "arn:aws:iam::" + principal + ":root" : principal;
  }

  private void validateTokens(List<String> tokens, StoreState.Key k) {
    if (tokens.size() > 10) {
      throw KmsException.validation("at most 10 grant tokens");
    }
    for (String token : tokens) {
      String id = grantTokens.get(token);
      if (id == null || k.grants().stream().noneMatch(g -> g.grantId().equals(id))) {
        throw new KmsException(
            "InvalidGrantTokenException", "the grant token is not valid for " + k.arn());
      }
    }
  }

  private static void validateGrant(Kms.CreateGrantRequest req, StoreState.Key k) {
    if (req.operations().isEmpty()) {
      throw KmsException.validation("Operations must list at least one operation");
    }
    try {
      Caller.parse(rootIfAccount(req.granteePrincipal()));
      if (req.retiringPrincipal() != null) {
        Caller.parse(rootIfAccount(req.retiringPrincipal()));
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw KmsException.validation("the grantee or retiring principal is not a principal ARN");
    }
    Set<String> supported = supportedGrantOperations(k);
    for (String o : req.operations()) {
      if (!GRANT_OPERATIONS.contains(o)) {
        throw KmsException.validation("`" + o + "` is not a grant operation");
      }
      if (!supported.contains(o)) {
        throw KmsException.validation(
            "`" + o + "` is not supported by " + k.keySpec() + " " + k.keyUsage() + " keys");
      }
    }
    if (req.encryptionContextEquals() != null && req.encryptionContextSubset() != null) {
      throw KmsException.validation("use one encryption context constraint, not both");
    }
    Map<String, String> c =
        req.encryptionContextEquals() != null
            ? req.encryptionContextEquals()
            : req.encryptionContextSubset();
    if (c != null) {
      if (!k.keySpec().equals("SYMMETRIC_DEFAULT")) {
        throw KmsException.validation(
            "encryption context constraints apply only to symmetric encryption keys");
      }
      if (c.size() > 8 || c.values().stream().anyMatch(v -> v.length() > 384)) {
        throw KmsException.validation("a constraint has at most 8 pairs of at most 384 characters");
      }
    }
  }

  private static Set<String> supportedGrantOperations(StoreState.Key k) {
    Set<String> s = new java.util.HashSet<>(ALWAYS_GRANTABLE);
    switch (k.keyUsage()) {
      case "ENCRYPT_DECRYPT" -> {
        s.addAll(List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo"));
        if (k.keySpec().equals("SYMMETRIC_DEFAULT")) {
          s.addAll(
              List.of(
                  "GenerateDataKey",
                  "GenerateDataKeyWithoutPlaintext",
                  "GenerateDataKeyPair",
                  "GenerateDataKeyPairWithoutPlaintext"));
        } else {
          s.add("GetPublicKey");
        }
      }
      case "SIGN_VERIFY" -> s.addAll(List.of("Sign", "Verify", "GetPublicKey"));
      case "KEY_AGREEMENT" -> s.addAll(List.of("DeriveSharedSecret", "GetPublicKey"));
      case "GENERATE_VERIFY_MAC" -> s.addAll(List.of("GenerateMac", "VerifyMac"));
      default -> {}
    }
    return s;
  }

  private static Kms.GrantListEntry entry(StoreState.Key k, StoreState.Grant g) {
    return new Kms.GrantListEntry(
        k.arn(),
        g.grantId(),
        g.name(),
        g.created(),
        g.grantee(),
        g.retiringPrincipal(),
        g.issuingAccount(),
        g.operations(),
        g.contextEquals(),
        g.contextSubset());
  }

  // ---------------------------------------------------------------------------------------------
  // Cryptographic operations.

  /** Encrypt. */
  public Kms.EncryptResponse encrypt(Call call, Kms.EncryptRequest req) {
    return run(call, "Encrypt", op -> encryptBody(op, req));
  }

  /**
   * Encrypt without a thread waiting for its audit record: the future completes once the record is
   * on disk (with the store's audit sync delay, once it is written), with the response or,
   * exceptionally, with the call's {@link KmsException}. Many calls can then share one force of the
   * audit log. It completes on the audit log's syncing thread: keep what runs on completion short,
   * or continue with the future's {@code *Async} methods.
   */
  public CompletableFuture<Kms.EncryptResponse> encryptAsync(Call call, Kms.EncryptRequest req) {
    return runAsync(call, "Encrypt", op -> encryptBody(op, req), () -> encrypt(call, req));
  }

  private Kms.EncryptResponse encryptBody(Op op, Kms.EncryptRequest req) {
    op.params.put("keyId", req.keyId());
    TreeMap<String, String> sortedContext = new TreeMap<>(req.encryptionContext());
    op.params.put("encryptionContext", sortedContext);
    if (req.encryptionAlgorithm() != null) {
      op.params.put("encryptionAlgorithm", req.encryptionAlgorithm());
    }
    if (req.plaintext() == null || req.plaintext().length < 1 || req.plaintext().length > 4096) {
      throw KmsException.validation("Plaintext must be 1 to 4096 bytes");
    }
    Target t = resolve(op, req.keyId(), true);
    validateTokens(req.grantTokens(), t.slot.key);
    RequestContext.Builder rc = alias(t);
    algorithm(rc, req.encryptionAlgorithm());
    context(rc, sortedContext);
    authorize(op, List.of(keyCheck(op, "kms:Encrypt", t.slot, rc)));
    StoreState.Key k = t.slot.key;
    requireState(Rule.USE, k);
    String alg = encryptionAlgorithm(k, req.encryptionAlgorithm(), req.encryptionContext());
    dryRun(op);
    byte[] blob = encryptWith(k, req.plaintext(), req.encryptionContext(), alg);
    op.response.put("keyId", k.arn());
    op.response.put("encryptionAlgorithm", alg);
    return new Kms.EncryptResponse(blob, k.arn(), alg);
  }

  private byte[] encryptWith(
      StoreState.Key k, byte[] plaintext, Map<String, String> ec, String alg) {
    StoreState.Version v = latest(k);
    if (alg.equals("SYMMETRIC_DEFAULT")) {
      return crypto.encrypt(
          v.material(), new KeyCrypto.Header(k.keyId(), v.version(), k.region()), plaintext, ec);
    }
    return crypto.encryptAsymmetric(k.keySpec(), v.material(), alg, plaintext);
  }

  private StoreState.Version latest(StoreState.Key k) {
    StoreState.Material m = materials.get(k.materialRef());
    if (m == null || m.versions().isEmpty()) {
      throw KmsException.unsupported(k.arn() + " has no key material this store can use");
    }
    return m.latest();
  }

  /** Decrypt: the key comes from the ciphertext (symmetric) or from {@code keyId}. */
  public Kms.DecryptResponse decrypt(Call call, Kms.DecryptRequest req) {
    return run(call, "Decrypt", op -> decryptBody(op, req));
  }

  /**
   * Decrypt without a thread waiting for its audit record: the future completes once the record is
   * on disk (with the store's audit sync delay, once it is written), with the response or,
   * exceptionally, with the call's {@link KmsException}. Many calls can then share one force of the
   * audit log. It completes on the audit log's syncing thread: keep what runs on completion short,
   * or continue with the future's {@code *Async} methods.
   */
  public CompletableFuture<Kms.DecryptResponse> decryptAsync(Call call, Kms.DecryptRequest req) {
    return runAsync(call, "Decrypt", op -> decryptBody(op, req), () -> decrypt(call, req));
  }

  private Kms.DecryptResponse decryptBody(Op op, Kms.DecryptRequest req) {
    if (req.keyId() != null) {
      op.params.put("keyId", req.keyId());
    }
    TreeMap<String, String> sortedContext = new TreeMap<>(req.encryptionContext());
    op.params.put("encryptionContext", sortedContext);
    Source src = source(op, req.ciphertextBlob(), req.keyId());
    validateTokens(req.grantTokens(), src.target.slot.key);
    RequestContext.Builder rc = alias(src.target);
    algorithm(rc, req.encryptionAlgorithm());
    context(rc, sortedContext);
    authorize(op, List.of(keyCheck(op, "kms:Decrypt", src.target.slot, rc)));
    StoreState.Key k = src.target.slot.key;
    requireState(Rule.USE, k);
    String alg = encryptionAlgorithm(k, req.encryptionAlgorithm(), req.encryptionContext());
    dryRun(op);
    byte[] plaintext =
        decryptWith(k, src.header, req.ciphertextBlob(), req.encryptionContext(), alg);
    op.response.put("keyId", k.arn());
    op.response.put("encryptionAlgorithm", alg);
    return new Kms.DecryptResponse(plaintext, k.arn(), alg);
  }

  private byte[] decryptWith(
      StoreState.Key k, KeyCrypto.Header h, byte[] blob, Map<String, String> ec, String alg) {
    StoreState.Material m = materials.get(k.materialRef());
    if (alg.equals("SYMMETRIC_DEFAULT")) {
      if (m == null || h.materialVersion() >= m.versions().size()) {
        throw new KmsException("InvalidCiphertextException", "the ciphertext is invalid");
      }
      return crypto.decrypt(m.versions().get(h.materialVersion()).material(), blob, ec);
    }
    return crypto.decryptAsymmetric(k.keySpec(), latest(k).material(), alg, blob);
  }

  private record Source(Target target, KeyCrypto.Header header) {}

  /** The key a ciphertext is decrypted with in the call's Region. */
  private Source source(Op op, byte[] blob, String keyId) {
    if (blob == null || blob.length == 0 || blob.length > 6144) {
      throw KmsException.validation("CiphertextBlob must be 1 to 6144 bytes");
    }
    Target named = keyId == null ? null : resolve(op, keyId, true);
    if (named != null && !named.slot.key.keySpec().equals("SYMMETRIC_DEFAULT")) {
      return new Source(named, null);
    }
    if (named != null && op.call.dryRun()) {
      return new Source(named, null);
    }
    KeyCrypto.Header h = crypto.header(blob);
    String arn = byRegionAndId.get(new RegionKey(op.call.region(), h.keyId()));
    Slot s = arn == null ? null : live(arn);
    if (s == null) {
      throw new KmsException(
          "AccessDeniedException",
          "The ciphertext refers to a customer master key that does not exist, does not exist in"
              + " this region, or you are not allowed to access.");
    }
    if (named != null && !named.slot.arn.equals(s.arn)) {
      throw new KmsException(
          "IncorrectKeyException",
          "the ciphertext was not encrypted under the KMS key named by KeyId");
    }
    op.keyArn = s.arn;
    return new Source(named != null ? named : new Target(s, null), h);
  }

  /** ReEncrypt: ReEncryptFrom on the source key, ReEncryptTo on the destination key. */
  public Kms.ReEncryptResponse reEncrypt(Call call, Kms.ReEncryptRequest req) {
    return run(
        call,
        "ReEncrypt",
        op -> {
          op.params.put("destinationKeyId", req.destinationKeyId());
          op.params.put("sourceEncryptionContext", new TreeMap<>(req.sourceEncryptionContext()));
          op.params.put(
              "destinationEncryptionContext", new TreeMap<>(req.destinationEncryptionContext()));
          Source src = source(op, req.ciphertextBlob(), req.sourceKeyId());
          Target dst = resolve(op, req.destinationKeyId(), true);
          op.keyArn = src.target.slot.arn;
          boolean same = src.target.slot.arn.equals(dst.slot.arn);
          RequestContext.Builder from = alias(src.target);
          context(from, req.sourceEncryptionContext());
          from.put("kms:ReEncryptOnSameKey", String.valueOf(same));
          RequestContext.Builder to = alias(dst);
          context(to, req.destinationEncryptionContext());
          to.put("kms:ReEncryptOnSameKey", String.valueOf(same));
          authorize(
              op,
              List.of(
                  keyCheck(op, "kms:ReEncryptFrom", src.target.slot, from),
                  keyCheck(op, "kms:ReEncryptTo", dst.slot, to)));
          StoreState.Key sk = src.target.slot.key;
          StoreState.Key dk = dst.slot.key;
          requireState(Rule.USE, sk);
          requireState(Rule.USE, dk);
          String salg = encryptionAlgorithm(sk, null, req.sourceEncryptionContext());
          String dalg = encryptionAlgorithm(dk, null, req.destinationEncryptionContext());
          dryRun(op);
          byte[] plaintext =
              decryptWith(
                  sk, src.header, req.ciphertextBlob(), req.sourceEncryptionContext(), salg);
          try {
            byte[] blob = encryptWith(dk, plaintext, req.destinationEncryptionContext(), dalg);
            op.response.put("sourceKeyId", sk.arn());
            op.response.put("keyId", dk.arn());
            return new Kms.ReEncryptResponse(blob, sk.arn(), dk.arn());
          } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
          }
        });
  }

  /** GenerateDataKey. */
  public Kms.DataKey generateDataKey(Call call, Kms.GenerateDataKeyRequest req) {
    return dataKey(call, "GenerateDataKey", req, true);
  }

  /** GenerateDataKeyWithoutPlaintext. */
  public Kms.DataKey generateDataKeyWithoutPlaintext(Call call, Kms.GenerateDataKeyRequest req) {
    return dataKey(call, "GenerateDataKeyWithoutPlaintext", req, false);
  }

  private Kms.DataKey dataKey(
      Call call, String operation, Kms.GenerateDataKeyRequest req, boolean withPlaintext) {
    return run(
        call,
        operation,
        op -> {
          op.params.put("keyId", req.keyId());
          TreeMap<String, String> sortedContext = new TreeMap<>(req.encryptionContext());
          op.params.put("encryptionContext", sortedContext);
          if (req.keySpec() != null) {
            op.params.put("keySpec", req.keySpec());
          }
          if (req.numberOfBytes() != null) {
            op.params.put("numberOfBytes", req.numberOfBytes());
          }
          int n = dataKeyLength(req);
          Target t = resolve(op, req.keyId(), true);
          validateTokens(req.grantTokens(), t.slot.key);
          RequestContext.Builder rc = alias(t);
          context(rc, sortedContext);
          authorize(op, List.of(keyCheck(op, "kms:" + operation, t.slot, rc)));
          StoreState.Key k = t.slot.key;
          requireState(Rule.USE, k);
          if (!k.keySpec().equals("SYMMETRIC_DEFAULT")) {
            throw new KmsException(
                "InvalidKeyUsageException",
                k.arn() + " cannot make data keys; use a symmetric encryption key");
          }
          dryRun(op);
          byte[] plaintext = crypto.random(n);
          byte[] blob = encryptWith(k, plaintext, req.encryptionContext(), "SYMMETRIC_DEFAULT");
          op.response.put("keyId", k.arn());
          if (!withPlaintext) {
            java.util.Arrays.fill(plaintext, (byte) 0);
            return new Kms.DataKey(blob, null, k.arn());
          }
          return new Kms.DataKey(blob, plaintext, k.arn());
        });
  }

  private static int dataKeyLength(Kms.GenerateDataKeyRequest req) {
    if ((req.keySpec() == null) == (req.numberOfBytes() == null)) {
      throw KmsException.validation("give exactly one of KeySpec and NumberOfBytes");
    }
    if (req.keySpec() != null) {
      return switch (req.keySpec()) {
        case "AES_256" -> 32;
        case "AES_128" -> 16;
        default -> throw KmsException.validation("KeySpec must be AES_256 or AES_128");
      };
    }
    if (req.numberOfBytes() < 1 || req.numberOfBytes() > 1024) {
      throw KmsException.validation("NumberOfBytes must be 1 to 1024");
    }
    return req.numberOfBytes();
  }

  /** GenerateRandom: 1–1024 bytes; an IAM permission without a key. */
  public byte[] generateRandom(Call call, int numberOfBytes) {
    return run(
        call,
        "GenerateRandom",
        op -> {
          noDryRun(op);
          op.params.put("numberOfBytes", numberOfBytes);
          if (numberOfBytes < 1 || numberOfBytes > 1024) {
            throw KmsException.validation("NumberOfBytes must be 1 to 1024");
          }
          authorize(op, List.of(iamCheck(op, "kms:GenerateRandom", RequestContext.builder())));
          return crypto.random(numberOfBytes);
        });
  }

  /** GenerateMac with an HMAC key. */
  public Kms.MacResponse generateMac(Call call, String keyId, byte[] message, String macAlgorithm) {
    return run(
        call,
        "GenerateMac",
        op -> {
          op.params.put("keyId", keyId);
          op.params.put("macAlgorithm", macAlgorithm);
          Target t = macTarget(op, keyId, message, macAlgorithm, "kms:GenerateMac");
          StoreState.Key k = t.slot.key;
          byte[] mac = crypto.generateMac(k.keySpec(), latest(k).material(), macAlgorithm, message);
          op.response.put("keyId", k.arn());
          return new Kms.MacResponse(mac, macAlgorithm, k.arn());
        });
  }

  /** VerifyMac: an invalid MAC is {@code KMSInvalidMacException}, as in AWS. */
  public boolean verifyMac(
      Call call, String keyId, byte[] message, String macAlgorithm, byte[] mac) {
    return run(
        call,
        "VerifyMac",
        op -> {
          op.params.put("keyId", keyId);
          op.params.put("macAlgorithm", macAlgorithm);
          Target t = macTarget(op, keyId, message, macAlgorithm, "kms:VerifyMac");
          StoreState.Key k = t.slot.key;
          StoreState.Material m = materials.get(k.materialRef());
          boolean valid = false;
          for (StoreState.Version v : m.versions()) {
            valid |= crypto.verifyMac(k.keySpec(), v.material(), macAlgorithm, message, mac);
          }
          if (!valid) {
            throw new KmsException("KMSInvalidMacException", "the MAC is not valid");
          }
          op.response.put("macValid", true);
          return true;
        });
  }

  private Target macTarget(Op op, String keyId, byte[] message, String alg, String permission) {
    if (message == null || message.length < 1 || message.length > 4096) {
      throw KmsException.validation("Message must be 1 to 4096 bytes");
    }
    if (alg == null) {
      throw KmsException.validation("MacAlgorithm is required");
    }
    Target t = resolve(op, keyId, true);
    RequestContext.Builder rc = alias(t);
    rc.put("kms:MacAlgorithm", alg);
    authorize(op, List.of(keyCheck(op, permission, t.slot, rc)));
    StoreState.Key k = t.slot.key;
    requireState(Rule.USE, k);
    if (!k.keyUsage().equals("GENERATE_VERIFY_MAC")) {
      throw new KmsException("InvalidKeyUsageException", k.arn() + " is not an HMAC key");
    }
    if (!alg.equals("HMAC_SHA_" + k.keySpec().substring("HMAC_".length()))) {
      throw new KmsException("InvalidKeyUsageException", k.arn() + " does not support " + alg);
    }
    dryRun(op);
    return t;
  }

  /** Sign with an asymmetric SIGN_VERIFY key; {@code messageType} RAW (default) or DIGEST. */
  public Kms.SignResponse sign(
      Call call, String keyId, byte[] message, String messageType, String signingAlgorithm) {
    return run(
        call,
        "Sign",
        op -> {
          op.params.put("keyId", keyId);
          op.params.put("signingAlgorithm", signingAlgorithm);
          String type = messageType == null ? "RAW" : messageType;
          Target t = signTarget(op, keyId, message, type, signingAlgorithm, "kms:Sign");
          StoreState.Key k = t.slot.key;
          byte[] sig =
              crypto.sign(k.keySpec(), latest(k).material(), signingAlgorithm, type, message);
          op.response.put("keyId", k.arn());
          return new Kms.SignResponse(sig, signingAlgorithm, k.arn());
        });
  }

  /** Verify: an invalid signature is {@code KMSInvalidSignatureException}, as in AWS. */
  public boolean verify(
      Call call,
      String keyId,
      byte[] message,
      String messageType,
      String signingAlgorithm,
      byte[] signature) {
    return run(
        call,
        "Verify",
        op -> {
          op.params.put("keyId", keyId);
          op.params.put("signingAlgorithm", signingAlgorithm);
          String type = messageType == null ? "RAW" : messageType;
          Target t = signTarget(op, keyId, message, type, signingAlgorithm, "kms:Verify");
          StoreState.Key k = t.slot.key;
          if (!crypto.verify(
              k.keySpec(), latest(k).material(), signingAlgorithm, type, message, signature)) {
            throw new KmsException("KMSInvalidSignatureException", "the signature is not valid");
          }
          op.response.put("signatureValid", true);
          return true;
        });
  }

  private Target signTarget(
      Op op, String keyId, byte[] message, String type, String alg, String permission) {
    if (message == null || message.length < 1 || message.length > 4096) {
      throw KmsException.validation("Message must be 1 to 4096 bytes");
    }
    if (alg == null) {
      throw KmsException.validation("SigningAlgorithm is required");
    }
    Target t = resolve(op, keyId, true);
    RequestContext.Builder rc = alias(t);
    rc.put("kms:SigningAlgorithm", alg);
    rc.put("kms:MessageType", type);
    authorize(op, List.of(keyCheck(op, permission, t.slot, rc)));
    StoreState.Key k = t.slot.key;
    requireState(Rule.USE, k);
    if (!k.keyUsage().equals("SIGN_VERIFY")) {
      throw new KmsException("InvalidKeyUsageException", k.arn() + " is not a signing key");
    }
    if (!signingAlgorithms(k).contains(alg)) {
      throw new KmsException("InvalidKeyUsageException", k.arn() + " does not support " + alg);
    }
    dryRun(op);
    return t;
  }

  /** GetPublicKey of an asymmetric key. */
  public Kms.PublicKey getPublicKey(Call call, String keyId) {
    return run(
        call,
        "GetPublicKey",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, true);
          authorize(op, List.of(keyCheck(op, "kms:GetPublicKey", t.slot, alias(t))));
          StoreState.Key k = t.slot.key;
          requireState(Rule.USE, k);
          if (k.keySpec().equals("SYMMETRIC_DEFAULT") || k.keySpec().startsWith("HMAC_")) {
            throw KmsException.unsupported(k.arn() + " is not an asymmetric key");
          }
          byte[] der = crypto.publicKey(k.keySpec(), latest(k).material());
          op.response.put("keyId", k.arn());
          return new Kms.PublicKey(der, k.arn(), k.keySpec(), k.keyUsage());
        });
  }

  /** GenerateDataKeyPair: an RSA or ECC key pair, the private key also under the KMS key. */
  public Kms.DataKeyPair generateDataKeyPair(Call call, Kms.GenerateDataKeyPairRequest req) {
    return dataKeyPair(call, "GenerateDataKeyPair", req, true);
  }

  /** GenerateDataKeyPairWithoutPlaintext: as GenerateDataKeyPair, without the plaintext key. */
  public Kms.DataKeyPair generateDataKeyPairWithoutPlaintext(
      Call call, Kms.GenerateDataKeyPairRequest req) {
    return dataKeyPair(call, "GenerateDataKeyPairWithoutPlaintext", req, false);
  }

  private static final Set<String> KEY_PAIR_SPECS =
      Set.of(
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1");

  private Kms.DataKeyPair dataKeyPair(
      Call call, String operation, Kms.GenerateDataKeyPairRequest req, boolean withPlaintext) {
    return run(
        call,
        operation,
        op -> {
          Objects.requireNonNull(req, "request");
          op.params.put("keyId", req.keyId());
          TreeMap<String, String> sortedContext = new TreeMap<>(req.encryptionContext());
          op.params.put("encryptionContext", sortedContext);
          op.params.put("keyPairSpec", req.keyPairSpec());
          if (req.keyPairSpec() == null || !KEY_PAIR_SPECS.contains(req.keyPairSpec())) {
            throw KmsException.validation(
                "KeyPairSpec must be one of " + new java.util.TreeSet<>(KEY_PAIR_SPECS));
          }
          Target t = resolve(op, req.keyId(), true);
          validateTokens(req.grantTokens(), t.slot.key);
          RequestContext.Builder rc = alias(t);
          context(rc, sortedContext);
          rc.put("kms:DataKeyPairSpec", req.keyPairSpec());
          authorize(op, List.of(keyCheck(op, "kms:" + operation, t.slot, rc)));
          StoreState.Key k = t.slot.key;
          requireState(Rule.USE, k);
          if (!k.keySpec().equals("SYMMETRIC_DEFAULT")) {
            throw new KmsException(
                "InvalidKeyUsageException",
                k.arn() + " cannot make data key pairs; use a symmetric encryption key");
          }
          dryRun(op);
          StoreState.Version v = latest(k);
          KeyCrypto.KeyPair pair =
              crypto.generateDataKeyPair(
                  v.material(),
                  new KeyCrypto.Header(k.keyId(), v.version(), k.region()),
                  req.encryptionContext(),
                  req.keyPairSpec());
          op.response.put("keyId", k.arn());
          op.response.put("keyPairSpec", req.keyPairSpec());
          byte[] plaintext = pair.privateKeyPlaintext();
          if (!withPlaintext) {
            java.util.Arrays.fill(plaintext, (byte) 0);
            plaintext = null;
          }
          return new Kms.DataKeyPair(
              pair.privateKeyCiphertext(), plaintext, pair.publicKey(), k.arn(), req.keyPairSpec());
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Imported key material.

  /** The {@code EXTERNAL} key {@code t} names, or UnsupportedOperationException. */
  private static StoreState.Key external(StoreState.Key k) {
    if (!k.origin().equals("EXTERNAL")) {
      throw KmsException.unsupported(
          k.arn()
              + " has key material made by KMS (origin "
              + k.origin()
              + "); only keys with"
              + " origin EXTERNAL take imported material");
    }
    return k;
  }

  /**
   * GetParametersForImport: an RSA wrapping public key and an import token, both valid 24 hours by
   * the store's clock and only for this key. Nothing is stored: the token carries its wrapping key,
   * sealed under the store's import token key.
   */
  public Kms.ImportParameters getParametersForImport(
      Call call, String keyId, String wrappingAlgorithm, String wrappingKeySpec) {
    return run(
        call,
        "GetParametersForImport",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("wrappingAlgorithm", wrappingAlgorithm);
          op.params.put("wrappingKeySpec", wrappingKeySpec);
          if (wrappingAlgorithm == null || wrappingKeySpec == null) {
            throw KmsException.validation("WrappingAlgorithm and WrappingKeySpec are required");
          }
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:WrappingAlgorithm", wrappingAlgorithm);
          rc.put("kms:WrappingKeySpec", wrappingKeySpec);
          authorize(op, List.of(keyCheck(op, "kms:GetParametersForImport", t.slot, rc)));
          StoreState.Key k = external(t.slot.key);
          if (k.pendingDeletion()) {
            throw KmsException.invalidState(k.arn() + " is " + words(k.state()) + ".");
          }
          KeyCrypto.ImportParameters p =
              crypto.parametersForImport(
                  importTokenKey, k.keyId(), wrappingAlgorithm, wrappingKeySpec, op.now);
          op.response.put("parametersValidTo", p.validTo());
          return new Kms.ImportParameters(k.arn(), p.importToken(), p.publicKey(), p.validTo());
        });
  }

  /**
   * ImportKeyMaterial. Into a key pending import: its first material, or the material it had before
   * deletion or expiry (anything else is IncorrectKeyMaterialException); the key becomes Enabled.
   * Into a key with material: the same material again (only the expiry changes), or new material,
   * which waits for RotateKeyOnDemand.
   */
  public void importKeyMaterial(Call call, Kms.ImportKeyMaterialRequest req) {
    run(
        call,
        "ImportKeyMaterial",
        op -> {
          noDryRun(op);
          Objects.requireNonNull(req, "request");
          op.params.put("keyId", req.keyId());
          String model =
              req.expirationModel() != null
                  ? req.expirationModel()
                  : req.validTo() != null ? "KEY_MATERIAL_EXPIRES" : "KEY_MATERIAL_DOES_NOT_EXPIRE";
          op.params.put("expirationModel", model);
          if (req.validTo() != null) {
            op.params.put("validTo", req.validTo());
          }
          switch (model) {
            case "KEY_MATERIAL_EXPIRES" -> {
              if (req.validTo() == null) {
                throw KmsException.validation("ValidTo is required when the key material expires");
              }
            }
            case "KEY_MATERIAL_DOES_NOT_EXPIRE" -> {
              if (req.validTo() != null) {
                throw KmsException.validation(
                    "ValidTo must not be set when the key material does not expire");
              }
            }
            default ->
                throw KmsException.validation(
                    "ExpirationModel must be KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE");
          }
          if (req.importToken() == null || req.encryptedKeyMaterial() == null) {
            throw KmsException.validation("ImportToken and EncryptedKeyMaterial are required");
          }
          Target t = resolve(op, req.keyId(), false);
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:ExpirationModel", model);
          if (req.validTo() != null) {
            rc.put("kms:ValidTo", String.valueOf(req.validTo().getEpochSecond()));
          }
          authorize(op, List.of(keyCheck(op, "kms:ImportKeyMaterial", t.slot, rc)));
          StoreState.Key k = external(t.slot.key);
          if (k.pendingDeletion()) {
            throw KmsException.invalidState(k.arn() + " is " + words(k.state()) + ".");
          }
          if (req.validTo() != null
              && (!req.validTo().isAfter(op.now)
                  || req.validTo().isAfter(op.now.plus(Duration.ofDays(365))))) {
            throw KmsException.validation(
                "ValidTo must be in the future and at most 365 days away");
          }
          byte[] bytes =
              crypto.importMaterial(
                  importTokenKey,
                  k.keyId(),
                  k.keySpec(),
                  req.importToken(),
                  req.encryptedKeyMaterial(),
                  op.now);
          writer();
          String id = importedMaterialId(k.materialRef(), bytes);
          StoreState.Material m = materials.get(k.materialRef());
          StoreState.Import im = imports.get(k.materialRef());
          if (m.versions().isEmpty()) {
            materials.put(
                m.ref(),
                new StoreState.Material(
                    m.ref(),
                    m.keySpec(),
                    List.of(new StoreState.Version(0, id, bytes, op.now, null)),
                    false,
                    m.rotationPeriodDays(),
                    null,
                    m.onDemandRotations()));
          } else {
            StoreState.Version same = null;
            for (StoreState.Version v : m.versions()) {
              if (java.security.MessageDigest.isEqual(
                  v.materialId().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                  id.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                same = v;
              }
            }
            boolean pendingImport = k.state().equals("PendingImport");
            if (same == null && pendingImport) {
              java.util.Arrays.fill(bytes, (byte) 0);
              throw new KmsException(
                  "IncorrectKeyMaterialException",
                  "the key material is not the material " + k.arn() + " had before");
            }
            if (same == null) {
              imports.put(
                  m.ref(),
                  new StoreState.Import(
                      m.ref(), im == null ? null : im.validTo(), bytes, id, req.validTo()));
              return null;
            }
            List<StoreState.Version> versions = new ArrayList<>();
            for (StoreState.Version v : m.versions()) {
              versions.add(
                  v == same && v.material().length == 0
                      ? new StoreState.Version(
                          v.version(), v.materialId(), bytes, v.created(), v.rotationType())
                      : v);
            }
            if (same.material().length != 0) {
              java.util.Arrays.fill(bytes, (byte) 0);
            }
            materials.put(
                m.ref(),
                new StoreState.Material(
                    m.ref(),
                    m.keySpec(),
                    versions,
                    false,
                    m.rotationPeriodDays(),
                    null,
                    m.onDemandRotations()));
          }
          StoreState.Import current = imports.get(k.materialRef());
          imports.put(
              k.materialRef(),
              new StoreState.Import(
                  k.materialRef(),
                  req.validTo(),
                  current == null ? null : current.pendingMaterial(),
                  current == null ? null : current.pendingMaterialId(),
                  current == null ? null : current.pendingValidTo()));
          if (materials.get(k.materialRef()).latest().material().length > 0) {
            setStates(k.materialRef(), "PendingImport", "Enabled");
          }
          return null;
        });
  }

  /**
   * DeleteImportedKeyMaterial: the key's material is deleted and the key becomes PendingImport (a
   * key pending deletion stays so); no effect on a key already pending import.
   */
  public void deleteImportedKeyMaterial(Call call, String keyId) {
    run(
        call,
        "DeleteImportedKeyMaterial",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op,
              List.of(
                  keyCheck(op, "kms:DeleteImportedKeyMaterial", t.slot, RequestContext.builder())));
          StoreState.Key k = external(t.slot.key);
          if (!k.state().equals("PendingImport")) {
            deleteImportedMaterial(k.materialRef());
          }
          return null;
        });
  }

  /** Drops the bytes of every version of imported material; its keys become PendingImport. */
  private void deleteImportedMaterial(String ref) {
    writer();
    StoreState.Material m = materials.get(ref);
    if (m != null) {
      List<StoreState.Version> versions = new ArrayList<>();
      for (StoreState.Version v : m.versions()) {
        versions.add(
            new StoreState.Version(
                v.version(), v.materialId(), new byte[0], v.created(), v.rotationType()));
      }
      materials.put(
          ref,
          new StoreState.Material(
              ref,
              m.keySpec(),
              versions,
              false,
              m.rotationPeriodDays(),
              null,
              m.onDemandRotations()));
    }
    imports.put(ref, new StoreState.Import(ref, null, null, null, null));
    setStates(ref, "Enabled", "PendingImport");
    setStates(ref, "Disabled", "PendingImport");
  }

  /** Moves every key of material {@code ref} in state {@code from} to {@code to}. */
  private void setStates(String ref, String from, String to) {
    for (Slot s : keys.values()) {
      synchronized (s) {
        StoreState.Key o = s.key;
        if (o.materialRef().equals(ref) && o.state().equals(from)) {
          s.key = withState(o, to, o.deletionDate(), o.pendingWindowDays());
        }
      }
    }
  }

  /** The material ID of imported material: the same material always gets the same ID. */
  private static String importedMaterialId(String ref, byte[] material) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update(
          ("keyvet imported material id v1\n" + ref + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(material));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rotation.

  /**
   * EnableKeyRotation: period 90–2560 days, default 365; the first rotation is period days away.
   */
  public void enableKeyRotation(Call call, String keyId, Integer rotationPeriodInDays) {
    run(
        call,
        "EnableKeyRotation",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          int days = rotationPeriodInDays == null ? 365 : rotationPeriodInDays;
          if (days < 90 || days > 2560) {
            throw KmsException.validation("RotationPeriodInDays must be between 90 and 2560");
          }
          Target t = resolve(op, keyId, false);
          RequestContext.Builder rc = RequestContext.builder();
          if (rotationPeriodInDays != null) {
            rc.put("kms:RotationPeriodInDays", String.valueOf(days));
          }
          authorize(op, List.of(keyCheck(op, "kms:EnableKeyRotation", t.slot, rc)));
          StoreState.Key k = t.slot.key;
          requireState(Rule.ROTATION, k);
          requireRotatable(k);
          materials.computeIfPresent(
              k.materialRef(),
              (ref, m) ->
                  new StoreState.Material(
                      ref,
                      m.keySpec(),
                      m.versions(),
                      true,
                      days,
                      op.now.plus(Duration.ofDays(days)),
                      m.onDemandRotations()));
          return null;
        });
  }

  /** DisableKeyRotation. */
  public void disableKeyRotation(Call call, String keyId) {
    run(
        call,
        "DisableKeyRotation",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op,
              List.of(keyCheck(op, "kms:DisableKeyRotation", t.slot, RequestContext.builder())));
          StoreState.Key k = t.slot.key;
          requireState(Rule.ROTATION, k);
          requireRotatable(k);
          materials.computeIfPresent(
              k.materialRef(),
              (ref, m) ->
                  new StoreState.Material(
                      ref,
                      m.keySpec(),
                      m.versions(),
                      false,
                      m.rotationPeriodDays(),
                      null,
                      m.onDemandRotations()));
          return null;
        });
  }

  private static void requireRotatable(StoreState.Key k) {
    requireCustomerManaged(k, "change the rotation of");
    if (!k.keySpec().equals("SYMMETRIC_DEFAULT") || !k.origin().equals("AWS_KMS")) {
      throw KmsException.unsupported(
          k.arn() + " cannot rotate automatically: only symmetric keys with KMS-made material can");
    }
    if (k.multiRegion() && !k.region().equals(k.primaryRegion())) {
      throw KmsException.unsupported(
          k.arn() + " is a replica; rotation is set on the primary key in " + k.primaryRegion());
    }
  }

  /** GetKeyRotationStatus. */
  public Kms.RotationStatus getKeyRotationStatus(Call call, String keyId) {
    return run(
        call,
        "GetKeyRotationStatus",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op,
              List.of(keyCheck(op, "kms:GetKeyRotationStatus", t.slot, RequestContext.builder())));
          StoreState.Key k = t.slot.key;
          if (k.state().equals("PendingImport")) {
            throw KmsException.unsupported(k.arn() + " is pending import.");
          }
          StoreState.Material m = materials.get(k.materialRef());
          boolean on = m != null && m.rotationEnabled();
          return new Kms.RotationStatus(
              k.arn(), on, on ? m.rotationPeriodDays() : null, on ? m.nextRotation() : null, null);
        });
  }

  /** RotateKeyOnDemand: new material now; does not move the automatic schedule. */
  public String rotateKeyOnDemand(Call call, String keyId) {
    return run(
        call,
        "RotateKeyOnDemand",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:RotateKeyOnDemand", t.slot, RequestContext.builder())));
          StoreState.Key k = t.slot.key;
          requireState(Rule.REPLICATION, k);
          if (k.origin().equals("EXTERNAL")) {
            return rotateImported(k, op);
          }
          requireRotatable(k);
          materials.compute(
              k.materialRef(),
              (ref, m) -> {
                if (m.onDemandRotations() >= maxOnDemandRotations) {
                  throw new KmsException(
                      "LimitExceededException",
                      k.arn() + " has had " + maxOnDemandRotations + " on-demand rotations");
                }
                StoreState.Material n = withVersion(m, op.now, "ON_DEMAND");
                return new StoreState.Material(
                    ref,
                    n.keySpec(),
                    n.versions(),
                    n.rotationEnabled(),
                    n.rotationPeriodDays(),
                    n.nextRotation(),
                    m.onDemandRotations() + 1);
              });
          return k.arn();
        });
  }

  /**
   * RotateKeyOnDemand of a key with imported material: only when new material was imported and
   * waits (reference §7.4); it becomes the current material.
   */
  private String rotateImported(StoreState.Key k, Op op) {
    requireCustomerManaged(k, "rotate");
    if (!k.keySpec().equals("SYMMETRIC_DEFAULT")) {
      throw KmsException.unsupported(k.arn() + " cannot rotate: it is not a symmetric key");
    }
    StoreState.Import im = imports.get(k.materialRef());
    if (im == null || im.pendingMaterial() == null) {
      throw KmsException.unsupported(
          k.arn() + " has imported key material; import new key material before rotating it");
    }
    StoreState.Material m = materials.get(k.materialRef());
    if (m.onDemandRotations() >= maxOnDemandRotations) {
      throw new KmsException(
          "LimitExceededException",
          k.arn() + " has had " + maxOnDemandRotations + " on-demand rotations");
    }
    writer();
    List<StoreState.Version> versions = new ArrayList<>(m.versions());
    versions.add(
        new StoreState.Version(
            versions.size(), im.pendingMaterialId(), im.pendingMaterial(), op.now, "ON_DEMAND"));
    materials.put(
        m.ref(),
        new StoreState.Material(
            m.ref(),
            m.keySpec(),
            versions,
            false,
            m.rotationPeriodDays(),
            null,
            m.onDemandRotations() + 1));
    imports.put(m.ref(), new StoreState.Import(m.ref(), im.pendingValidTo(), null, null, null));
    return k.arn();
  }

  /** ListKeyRotations: completed rotations, oldest first. */
  public Kms.Page<Kms.Rotation> listKeyRotations(
      Call call, String keyId, Integer limit, String marker) {
    return run(
        call,
        "ListKeyRotations",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          int n = limit(limit, 1000);
          Target t = resolve(op, keyId, false);
          authorize(
              op, List.of(keyCheck(op, "kms:ListKeyRotations", t.slot, RequestContext.builder())));
          StoreState.Key k = t.slot.key;
          StoreState.Material m = materials.get(k.materialRef());
          List<Kms.Rotation> all = new ArrayList<>();
          if (m != null) {
            for (StoreState.Version v : m.versions()) {
              if (v.version() > 0) {
                all.add(new Kms.Rotation(k.arn(), v.materialId(), v.created(), v.rotationType()));
              }
            }
          }
          return page(all, n, marker, Kms.Rotation::keyMaterialId);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Multi-Region keys.

  /** ReplicateKey: a replica of a multi-Region primary in another Region, with its own policy. */
  public Kms.KeyMetadata replicateKey(Call call, Kms.ReplicateKeyRequest req) {
    return run(
        call,
        "ReplicateKey",
        op -> {
          noDryRun(op);
          op.params.put("keyId", req.keyId());
          op.params.put("replicaRegion", req.replicaRegion());
          Target t = resolve(op, req.keyId(), false);
          StoreState.Key k = t.slot.key;
          if (!Regions.valid(req.replicaRegion())) {
            throw KmsException.validation("ReplicaRegion must be a Region");
          }
          String replicaArn = keyArn(k.account(), req.replicaRegion(), k.keyId());
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:ReplicaRegion", req.replicaRegion());
          RequestContext.Builder create = RequestContext.builder();
          create.put("kms:KeySpec", k.keySpec());
          create.put("kms:KeyUsage", k.keyUsage());
          create.put("kms:KeyOrigin", k.origin());
          create.put("kms:MultiRegion", "true");
          create.put("kms:MultiRegionKeyType", "REPLICA");
          Call inReplica = op.call.in(req.replicaRegion());
          authorize(
              op,
              List.of(
                  keyCheck(op, "kms:ReplicateKey", t.slot, rc),
                  gate.check(
                      op.subject,
                      "kms:CreateKey",
                      null,
                      null,
                      null,
                      List.of(),
                      create,
                      inReplica,
                      op.now)));
          requireCustomerManaged(k, "replicate");
          if (!k.multiRegion()) {
            throw KmsException.unsupported(k.arn() + " is not a multi-Region key");
          }
          if (!k.region().equals(k.primaryRegion())) {
            throw KmsException.unsupported(k.arn() + " is a replica; replicate the primary key");
          }
          requireState(Rule.REPLICATION, k);
          if (req.replicaRegion().equals(k.region()) || keys.containsKey(replicaArn)) {
            throw new KmsException(
                "AlreadyExistsException", "the key already has a copy in " + req.replicaRegion());
          }
          validateDescription(req.description());
          validateTags(req.tags());
          String policy = req.policy() == null ? defaultPolicy(k.account()) : req.policy();
          CompiledPolicy compiled = gate.compileKeyPolicy("key policy of " + replicaArn, policy);
          StoreState.Key replica =
              new StoreState.Key(
                  replicaArn,
                  k.account(),
                  req.replicaRegion(),
                  k.keyId(),
                  k.keySpec(),
                  k.keyUsage(),
                  k.origin(),
                  true,
                  k.primaryRegion(),
                  "CUSTOMER",
                  req.description() == null ? k.description() : req.description(),
                  k.state().equals("PendingImport") ? "PendingImport" : "Enabled",
                  op.now,
                  null,
                  null,
                  policy,
                  req.tags(),
                  List.of(),
                  k.materialRef());
          if (req.policy() != null && !Boolean.TRUE.equals(req.bypassPolicyLockoutSafetyCheck())) {
            Op inRegion = new Op(inReplica, "ReplicateKey", true);
            inRegion.subject = op.subject;
            lockoutCheck(inRegion, replica, compiled);
          }
          synchronized (t.slot) {
            if (keys.putIfAbsent(replicaArn, new Slot(replicaArn, replica, compiled)) != null) {
              throw new KmsException(
                  "AlreadyExistsException", "the key already has a copy in " + req.replicaRegion());
            }
            byRegionAndId.put(new RegionKey(replica.region(), replica.keyId()), replicaArn);
          }
          Kms.KeyMetadata md = metadata(replica);
          op.response.put("replicaKeyMetadata", md);
          return md;
        });
  }

  /** UpdatePrimaryRegion: the replica in {@code primaryRegion} becomes the primary. */
  public void updatePrimaryRegion(Call call, String keyId, String primaryRegion) {
    run(
        call,
        "UpdatePrimaryRegion",
        op -> {
          noDryRun(op);
          op.params.put("keyId", keyId);
          op.params.put("primaryRegion", primaryRegion);
          Target t = resolve(op, keyId, false);
          StoreState.Key k = t.slot.key;
          if (!k.multiRegion() || !k.region().equals(k.primaryRegion())) {
            throw KmsException.unsupported(k.arn() + " is not a multi-Region primary key");
          }
          Slot replica =
              primaryRegion == null ? null : live(keyArn(k.account(), primaryRegion, k.keyId()));
          if (replica == null) {
            throw KmsException.notFound("the key has no replica in " + primaryRegion);
          }
          RequestContext.Builder rc = RequestContext.builder();
          rc.put("kms:PrimaryRegion", primaryRegion);
          RequestContext.Builder rc2 = RequestContext.builder();
          rc2.put("kms:PrimaryRegion", primaryRegion);
          authorize(
              op,
              List.of(
                  keyCheck(op, "kms:UpdatePrimaryRegion", t.slot, rc),
                  gate.check(
                      op.subject,
                      "kms:UpdatePrimaryRegion",
                      replica.arn,
                      replica.policy,
                      facts(replica.key),
                      replica.key.grants(),
                      rc2,
                      op.call.in(primaryRegion),
                      op.now)));
          requireState(Rule.REPLICATION, k);
          requireState(Rule.REPLICATION, replica.key);
          for (Slot s : keys.values()) {
            synchronized (s) {
              StoreState.Key o = s.key;
              if (o.materialRef().equals(k.materialRef())) {
                s.key =
                    new StoreState.Key(
                        o.arn(),
                        o.account(),
                        o.region(),
                        o.keyId(),
                        o.keySpec(),
                        o.keyUsage(),
                        o.origin(),
                        true,
                        primaryRegion,
                        o.keyManager(),
                        o.description(),
                        o.state(),
                        o.created(),
                        o.deletionDate(),
                        o.pendingWindowDays(),
                        o.policy(),
                        o.tags(),
                        o.grants(),
                        o.materialRef());
              }
            }
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario seeding and snapshots.

  /**
   * Adds the keys a scenario declares — with their IDs, Regions, replicas, policies, aliases, tags
   * and grants — as they are, without authorization. Keys with origin EXTERNAL are pending import.
   */
  public void seed(World world) {
    system(
        () -> {
          seedKeys(world);
          return null;
        });
  }

  private void seedKeys(World world) {
    Instant now = clock.now();
    for (World.Key wk : world.keys()) {
      String account = wk.account().id();
      String ref = account + "/" + wk.id();
      List<StoreState.Version> versions = List.of();
      if (!wk.origin().equals("EXTERNAL")) {
        try {
          versions =
              List.of(
                  new StoreState.Version(
                      0, hex(32), crypto.generateMaterial(wk.spec()), now, null));
        } catch (UnsupportedOperationException e) {
          versions = List.of();
        }
      }
      materials.put(
          ref,
          new StoreState.Material(
              ref,
              wk.spec(),
              versions,
              wk.awsManaged(),
              365,
              wk.awsManaged() ? now.plus(Duration.ofDays(365)) : null,
              0));
      for (String region : wk.regions()) {
        World.LoadedPolicy lp =
            region.equals(wk.region()) ? wk.policy() : wk.replicas().get(region);
        String arn = wk.arn(region);
        String text = PolicyWriter.write(lp.read().policy());
        CompiledPolicy compiled = gate.compileKeyPolicy("key policy of " + arn, text);
        List<StoreState.Grant> grants = new ArrayList<>();
        if (region.equals(wk.region())) {
          for (World.GrantDecl g : wk.grants()) {
            grants.add(
                new StoreState.Grant(
                    hex(32),
                    g.name(),
                    g.grantee(),
                    null,
                    g.operations(),
                    g.equals(),
                    g.subset(),
                    account,
                    now));
          }
        }
        StoreState.Key key =
            new StoreState.Key(
                arn,
                account,
                region,
                wk.id(),
                wk.spec(),
                wk.usage(),
                wk.origin(),
                wk.multiRegion(),
                wk.multiRegion() ? wk.region() : null,
                wk.awsManaged() ? "AWS" : "CUSTOMER",
                "",
                wk.origin().equals("EXTERNAL") ? "PendingImport" : "Enabled",
                now,
                null,
                null,
                text,
                wk.tags(),
                grants,
                ref);
        install(new Slot(arn, key, compiled));
        for (String name : wk.aliases()) {
          String aliasArn = aliasArn(account, region, name);
          aliases.put(
              aliasArn, new StoreState.Alias(aliasArn, account, region, name, wk.id(), now, now));
        }
      }
    }
  }

  /** The store's state as plain records. */
  public StoreState.Snapshot snapshot() {
    List<StoreState.Key> ks = new ArrayList<>();
    keys.values().forEach(s -> ks.add(s.key));
    ks.sort(Comparator.comparing(StoreState.Key::arn));
    List<StoreState.Material> ms = new ArrayList<>(materials.values());
    ms.sort(Comparator.comparing(StoreState.Material::ref));
    List<StoreState.Alias> as = new ArrayList<>(aliases.values());
    as.sort(Comparator.comparing(StoreState.Alias::aliasArn));
    List<StoreState.Import> is = new ArrayList<>(imports.values());
    is.sort(Comparator.comparing(StoreState.Import::ref));
    return new StoreState.Snapshot(ks, ms, as, grantTokens, is);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  private StoreState.Key mutate(Slot s, Function<StoreState.Key, StoreState.Key> change) {
    writer();
    synchronized (s) {
      if (keys.get(s.arn) != s) {
        throw KmsException.notFound("Key '" + s.arn + "' does not exist");
      }
      StoreState.Key next = change.apply(s.key);
      s.key = next;
      return next;
    }
  }

  private static StoreState.Key withState(
      StoreState.Key k, String state, Instant deletionDate, Integer window) {
    return new StoreState.Key(
        k.arn(),
        k.account(),
        k.region(),
        k.keyId(),
        k.keySpec(),
        k.keyUsage(),
        k.origin(),
        k.multiRegion(),
        k.primaryRegion(),
        k.keyManager(),
        k.description(),
        state,
        k.created(),
        deletionDate,
        window,
        k.policy(),
        k.tags(),
        k.grants(),
        k.materialRef());
  }

  private static StoreState.Key copy(
      StoreState.Key k,
      String description,
      Map<String, String> tags,
      List<StoreState.Grant> grants,
      String policy) {
    return new StoreState.Key(
        k.arn(),
        k.account(),
        k.region(),
        k.keyId(),
        k.keySpec(),
        k.keyUsage(),
        k.origin(),
        k.multiRegion(),
        k.primaryRegion(),
        k.keyManager(),
        description,
        k.state(),
        k.created(),
        k.deletionDate(),
        k.pendingWindowDays(),
        policy,
        tags,
        grants,
        k.materialRef());
  }

  private void requireSameAccount(Op op, StoreState.Key k) {
    if (!k.account().equals(op.caller().account())) {
      throw KmsException.notFound("Key '" + k.arn() + "' does not exist in the caller's account");
    }
  }

  private static RequestContext.Builder alias(Target t) {
    RequestContext.Builder b = RequestContext.builder();
    if (t.requestAlias() != null) {
      b.put("kms:RequestAlias", t.requestAlias());
    }
    return b;
  }

  private static void algorithm(RequestContext.Builder b, String alg) {
    if (alg != null) {
      b.put("kms:EncryptionAlgorithm", alg);
    }
  }

  private static void context(RequestContext.Builder b, Map<String, String> ec) {
    (ec instanceof java.util.SortedMap ? ec : new TreeMap<>(ec))
        .forEach((k, v) -> b.put(contextKey(k), v));
  }

  /** {@code kms:EncryptionContext:<key>} strings made so far: the same few keys come again. */
  private static final Map<String, String> CONTEXT_KEYS = new ConcurrentHashMap<>();

  private static String contextKey(String key) {
    String known = CONTEXT_KEYS.get(key);
    if (known != null) {
      return known;
    }
    String k = "kms:EncryptionContext:" + key;
    if (CONTEXT_KEYS.size() < 1024) {
      CONTEXT_KEYS.put(key, k);
    }
    return k;
  }

  private static void requestTags(RequestContext.Builder b, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      new TreeMap<>(tags).forEach((k, v) -> b.put("aws:RequestTag/" + k, v));
      b.put("aws:TagKeys", List.copyOf(new TreeMap<>(tags).keySet()));
    }
  }

  private static String encryptionAlgorithm(StoreState.Key k, String alg, Map<String, String> ec) {
    if (!k.keyUsage().equals("ENCRYPT_DECRYPT")) {
      throw new KmsException(
          "InvalidKeyUsageException", k.arn() + " is not an ENCRYPT_DECRYPT key");
    }
    if (k.keySpec().equals("SYMMETRIC_DEFAULT")) {
      if (alg != null && !alg.equals("SYMMETRIC_DEFAULT")) {
        throw new KmsException("InvalidKeyUsageException", k.arn() + " does not support " + alg);
      }
      return "SYMMETRIC_DEFAULT";
    }
    if (alg == null) {
      throw KmsException.validation("EncryptionAlgorithm is required for asymmetric keys");
    }
    if (!encryptionAlgorithms(k).contains(alg)) {
      throw new KmsException("InvalidKeyUsageException", k.arn() + " does not support " + alg);
    }
    if (!ec.isEmpty()) {
      throw KmsException.validation("an encryption context is not supported with asymmetric keys");
    }
    return alg;
  }

  private static String defaultUsage(String spec) {
    return spec.startsWith("HMAC_") ? "GENERATE_VERIFY_MAC" : "ENCRYPT_DECRYPT";
  }

  private static void validateSpec(String spec, String usage, String origin) {
    Set<String> usages =
        switch (spec) {
          case "SYMMETRIC_DEFAULT" -> Set.of("ENCRYPT_DECRYPT");
          case "RSA_2048", "RSA_3072", "RSA_4096" -> Set.of("ENCRYPT_DECRYPT", "SIGN_VERIFY");
          case "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521" ->
              Set.of("SIGN_VERIFY", "KEY_AGREEMENT");
          case "ECC_SECG_P256K1" -> Set.of("SIGN_VERIFY");
          case "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512" -> Set.of("GENERATE_VERIFY_MAC");
          default -> throw KmsException.validation("`" + spec + "` is not a key spec");
        };
    if (!usages.contains(usage)) {
      throw KmsException.validation("key spec " + spec + " does not support key usage " + usage);
    }
    if (!origin.equals("AWS_KMS") && !origin.equals("EXTERNAL")) {
      throw KmsException.unsupported("origin " + origin + " needs a custom key store");
    }
  }

  private static void validateDescription(String d) {
    if (d != null && d.length() > 8192) {
      throw KmsException.validation("Description has at most 8192 characters");
    }
  }

  private static void validateTags(Map<String, String> tags) {
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String k = e.getKey();
      if (k.regionMatches(true, 0, "aws:", 0, 4)) {
        throw new KmsException("TagException", "tag keys beginning with aws: are reserved");
      }
      if (k.isEmpty() || k.length() > 128 || e.getValue() == null || e.getValue().length() > 256) {
        throw new KmsException(
            "TagException", "tag keys have 1 to 128 characters, values 0 to 256");
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw new KmsException("TagException", "a key has at most " + MAX_TAGS + " tags");
    }
  }

  private static void validateAliasName(String name) {
    if (name == null || !ALIAS.matcher(name).matches()) {
      throw new KmsException(
          "InvalidAliasNameException",
          "an alias name is alias/ followed by 1 to 250 of A-Z a-z 0-9 / _ -");
    }
    if (name.startsWith("alias/aws/")) {
      throw new KmsException(
          "InvalidAliasNameException",
          "alias names beginning with alias/aws/ are reserved for AWS");
    }
  }

  private static int limit(Integer limit, int max) {
    int n = limit == null ? Math.min(100, max) : limit;
    if (n < 1 || n > max) {
      throw KmsException.validation("Limit must be 1 to " + max);
    }
    return n;
  }

  /** A page after {@code marker} (the sort key of the last item of the previous page). */
  private static <T> Kms.Page<T> page(
      List<T> sorted, int limit, String marker, Function<T, String> keyOf) {
    int start = 0;
    if (marker != null) {
      start = -1;
      for (int i = 0; i < sorted.size(); i++) {
        if (keyOf.apply(sorted.get(i)).equals(marker)) {
          start = i + 1;
        }
      }
      if (start < 0) {
        throw new KmsException("InvalidMarkerException", "the marker is not valid");
      }
    }
    int end = Math.min(sorted.size(), start + limit);
    List<T> items = sorted.subList(start, end);
    String next = end < sorted.size() ? keyOf.apply(sorted.get(end - 1)) : null;
    return new Kms.Page<>(items, next);
  }

  private Kms.KeyMetadata metadata(StoreState.Key k) {
    Kms.MultiRegionConfiguration mrc = null;
    if (k.multiRegion()) {
      String primaryArn = keyArn(k.account(), k.primaryRegion(), k.keyId());
      List<String> replicas = new ArrayList<>();
      for (Slot s : keys.values()) {
        StoreState.Key o = s.key;
        if (o.materialRef().equals(k.materialRef()) && !o.region().equals(o.primaryRegion())) {
          replicas.add(o.arn());
        }
      }
      replicas.sort(null);
      mrc =
          new Kms.MultiRegionConfiguration(
              k.region().equals(k.primaryRegion()) ? "PRIMARY" : "REPLICA", primaryArn, replicas);
    }
    StoreState.Material m = materials.get(k.materialRef());
    String materialId = m == null || m.versions().isEmpty() ? null : m.latest().materialId();
    return new Kms.KeyMetadata(
        k.account(),
        k.keyId(),
        k.arn(),
        k.created(),
        k.state().equals("Enabled"),
        k.description(),
        k.keyUsage(),
        k.state(),
        k.deletionDate(),
        k.pendingWindowDays(),
        k.origin(),
        k.keyManager(),
        k.keySpec(),
        encryptionAlgorithms(k),
        signingAlgorithms(k),
        k.keyUsage().equals("GENERATE_VERIFY_MAC")
            ? List.of("HMAC_SHA_" + k.keySpec().substring("HMAC_".length()))
            : List.of(),
        k.multiRegion(),
        mrc,
        materialId,
        expirationModel(k),
        validTo(k));
  }

  /** For imported material: whether it expires; null for keys of other origins. */
  private String expirationModel(StoreState.Key k) {
    if (!k.origin().equals("EXTERNAL")) {
      return null;
    }
    return validTo(k) != null ? "KEY_MATERIAL_EXPIRES" : "KEY_MATERIAL_DOES_NOT_EXPIRE";
  }

  /** When the key's imported material expires, or null. */
  private Instant validTo(StoreState.Key k) {
    if (!k.origin().equals("EXTERNAL") || k.state().equals("PendingImport")) {
      return null;
    }
    StoreState.Import im = imports.get(k.materialRef());
    return im == null ? null : im.validTo();
  }

  private static List<String> encryptionAlgorithms(StoreState.Key k) {
    if (!k.keyUsage().equals("ENCRYPT_DECRYPT")) {
      return List.of();
    }
    return k.keySpec().equals("SYMMETRIC_DEFAULT")
        ? List.of("SYMMETRIC_DEFAULT")
        : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
  }

  private static List<String> signingAlgorithms(StoreState.Key k) {
    if (!k.keyUsage().equals("SIGN_VERIFY")) {
      return List.of();
    }
    return switch (k.keySpec()) {
      case "RSA_2048", "RSA_3072", "RSA_4096" ->
          List.of(
              "RSASSA_PSS_SHA_256",
              "RSASSA_PSS_SHA_384",
              "RSASSA_PSS_SHA_512",
              "RSASSA_PKCS1_V1_5_SHA_256",
              "RSASSA_PKCS1_V1_5_SHA_384",
              "RSASSA_PKCS1_V1_5_SHA_512");
      case "ECC_NIST_P384" -> List.of("ECDSA_SHA_384");
      case "ECC_NIST_P521" -> List.of("ECDSA_SHA_512");
      default -> List.of("ECDSA_SHA_256");
    };
  }

  static String keyArn(String account, String region, String keyId) {
    return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
  }

  static String aliasArn(String account, String region, String name) {
    return "arn:aws:kms:" + region + ":" + account + ":" + name;
  }

  /** AWS's default key policy: the account principal may do everything (delegation to IAM). */
  static String defaultPolicy(String account) {
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"key-default-1\",\n  \"Statement\": [\n"
        + "    {\n      \"Sid\": \"Enable IAM User Permissions\",\n      \"Effect\": \"Allow\",\n"
        + "      \"Principal\": {\"AWS\": \"arn:aws:iam::"
        + account
        + ":root\"},\n      \"Action\": \"kms:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
  }

  /** AWS's policy shape for AWS managed keys. */
  static String awsManagedPolicy(String account, String region, String service) {
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"auto-"
        + service
        + "-1\",\n  \"Statement\": [\n    {\n"
        + "      \"Sid\": \"Allow access through "
        + service
        + " for all principals in the account that are authorized to use "
        + service
        + "\",\n      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": \"*\"},\n"
        + "      \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\","
        + " \"kms:GenerateDataKey*\", \"kms:CreateGrant\", \"kms:DescribeKey\"],\n"
        + "      \"Resource\": \"*\",\n      \"Condition\": {\"StringEquals\": {"
        + "\"kms:CallerAccount\": \""
        + account
        + "\", \"kms:ViaService\": \""
        + service
        + "."
        + region
        + ".amazonaws.com\"}}\n    },\n    {\n"
        + "      \"Sid\": \"Allow direct access to key metadata to the account\",\n"
        + "      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": \"arn:aws:iam::"
        + account
        + ":root\"},\n      \"Action\": [\"kms:Describe*\", \"kms:Get*\", \"kms:List*\","
        + " \"kms:RevokeGrant\"],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private String uuid() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    char[] c = new char[36];
    int p = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        c[p++] = '-';
      }
      c[p++] = HEX[(b[i] >> 4) & 0xf];
      c[p++] = HEX[b[i] & 0xf];
    }
    return new String(c);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
