package dev.keyvet.runtime.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The append-only audit log of one runtime: JSON lines in {@code audit-NNNNNNNNNN.jsonl} files of a
 * directory, each record carrying its sequence number and the SHA-256 of the record before it, with
 * signed checkpoints every {@link Options#checkpointEvery()} records, after {@link
 * Options#checkpointInterval()}, when a file is rotated and on {@link #close()}.
 *
 * <p><b>Durability.</b> {@link #append} writes its record to the file before it returns, and if the
 * record cannot be written it throws {@link AuditWriteException}: the call it describes must then
 * fail. A written record survives the process being killed. By default append also waits until the
 * record is on disk ({@code FileChannel.force}), so that it survives a power loss too; concurrent
 * callers share that cost (group commit): callers serialize their records in parallel and write
 * them one after another, while one syncing thread forces everything written so far and wakes every
 * caller whose record that covered. With {@link Options#syncDelay()} above zero, an append returns
 * once written and the syncing thread forces within that delay, unless the caller asks for the
 * force ({@link #append(AuditEvent, boolean)}). After an I/O error the log refuses every later
 * append (its state on disk is unknown); reopening recovers.
 *
 * <p><b>Recovery.</b> {@link #open} continues the chain after the last complete record. Bytes after
 * the last newline (a record being written when the process died, never acknowledged) are copied to
 * {@code <file>.torn-<offset>} and cut off, and a {@code recovery} record noting their length and
 * hash is appended; one is also appended when the previous run ended without its closing
 * checkpoint.
 */
public final class AuditLog implements AutoCloseable {

  /**
   * How the log behaves.
   *
   * @param clock the source of event and checkpoint times
   * @param eventIds the source of event ids
   * @param checkpointEvery a checkpoint after this many records at most
   * @param checkpointInterval a checkpoint, at the next write, once this long has passed since the
   *     last one
   * @param maxFileBytes a new file is begun once the current one is this large
   * @param syncDelay how long a written record may wait to be forced to disk: zero (the default)
   *     makes every append wait for its force; above zero, appends return once written (the record
   *     survives the process, not a power loss, until forced) and the log forces within this delay
   */
  public record Options(
      Clock clock,
      Supplier<UUID> eventIds,
      int checkpointEvery,
      Duration checkpointInterval,
      long maxFileBytes,
      Duration syncDelay) {
    public Options {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(eventIds, "eventIds");
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      Objects.requireNonNull(syncDelay, "syncDelay");
      if (checkpointEvery < 1 || maxFileBytes < 1) {
        throw new IllegalArgumentException("checkpointEvery and maxFileBytes must be positive");
      }
      if (syncDelay.isNegative() || syncDelay.compareTo(MAX_SYNC_DELAY) > 0) {
        throw new IllegalArgumentException(
            "syncDelay must be 0 to " + MAX_SYNC_DELAY.toMillis() + " ms");
      }
    }

    /**
     * System clock, random ids, a checkpoint every 10,000 records or 5 minutes, 64 MiB files, every
     * append forced.
     */
    public static Options defaults() {
      return new Options(
          Clock.systemUTC(), uniqueIds(), 10_000, Duration.ofMinutes(5), 64L << 20, Duration.ZERO);
    }

    public Options withClock(Clock c) {
      return new Options(c, eventIds, checkpointEvery, checkpointInterval, maxFileBytes, syncDelay);
    }

    public Options withEventIds(Supplier<UUID> ids) {
      return new Options(clock, ids, checkpointEvery, checkpointInterval, maxFileBytes, syncDelay);
    }

    public Options withCheckpointEvery(int n) {
      return new Options(clock, eventIds, n, checkpointInterval, maxFileBytes, syncDelay);
    }

    public Options withCheckpointInterval(Duration d) {
      return new Options(clock, eventIds, checkpointEvery, d, maxFileBytes, syncDelay);
    }

    public Options withMaxFileBytes(long n) {
      return new Options(clock, eventIds, checkpointEvery, checkpointInterval, n, syncDelay);
    }

    public Options withSyncDelay(Duration d) {
      return new Options(clock, eventIds, checkpointEvery, checkpointInterval, maxFileBytes, d);
    }
  }

  /**
   * Version-4-shaped UUIDs from 64 random bits drawn once and a counter: unique without a shared
   * random source to contend on for every record. Event IDs name records; they are not secrets.
   */
  static Supplier<UUID> uniqueIds() {
    long high = new java.security.SecureRandom().nextLong();
    long versioned = (high & ~0xf000L) | 0x4000L;
    java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
    return () ->
        new UUID(
            versioned,
            0x8000_0000_0000_0000L | (counter.getAndIncrement() & 0x3fff_ffff_ffff_ffffL));
  }

  /** The longest {@link Options#syncDelay()}: records wait at most a second for their force. */
  public static final Duration MAX_SYNC_DELAY = Duration.ofSeconds(1);

  /**
   * A durable record.
   *
   * @param sequence its sequence number in the log
   * @param eventId its CloudTrail event id
   */
  public record Receipt(long sequence, String eventId) {}

  /** A caller waiting for the force that covers its record. */
  private record Waiter(
      long seq, Thread thread, java.util.concurrent.CompletableFuture<Receipt> future, String id) {
    void release(Throwable failure) {
      if (thread != null) {
        LockSupport.unpark(thread);
      } else if (failure == null) {
        future.complete(new Receipt(seq, id));
      } else {
        future.completeExceptionally(failure);
      }
    }
  }

  private final Path dir;
  private final CheckpointKey key;
  private final Options options;

  /** Guards the chain state, the file and the buffer: records are written one at a time. */
  private final ReentrantLock lock = new ReentrantLock();

  private volatile boolean closed;
  private volatile Throwable failure;

  /**
   * The last sequence number appended (maybe still in the buffer), the last one written to the
   * file, and the last one forced to disk.
   */
  private volatile long appendedSeq;

  private volatile long writtenSeq;

  private volatile long forcedSeq;

  /** Callers waiting for a force; the syncing thread wakes those its force covered. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Waiter> waiters =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final Thread syncer;

  // Chain state, under the lock.
  private FileChannel channel;
  private Path file;
  private long fileIndex;
  private long fileSize;
  private long nextSeq;
  private String prev;
  private long sinceCheckpoint;
  private Instant lastCheckpoint;
  private final MessageDigest sha = AuditFormat.sha256();
  private byte[] buf = new byte[64 << 10];
  private int len;

  private AuditLog(Path dir, CheckpointKey key, Options options) {
    this.dir = dir;
    this.key = key;
    this.options = options;
    this.syncer = new Thread(this::syncLoop, "keyvet-audit-sync");
    this.syncer.setDaemon(true);
  }

  /**
   * Opens (creating it if needed) the log in {@code dir}, continuing its chain.
   *
   * @throws IOException when the directory or its last file cannot be read or written, or the last
   *     complete record is not a record of this format (the log is then left untouched)
   */
  public static AuditLog open(Path dir, CheckpointKey key, Options options) throws IOException {
    AuditLog log = new AuditLog(dir, Objects.requireNonNull(key, "key"), options);
    log.recover();
    log.appendedSeq = log.nextSeq - 1;
    log.writtenSeq = log.nextSeq - 1;
    log.forcedSeq = log.nextSeq - 1;
    log.syncer.start();
    return log;
  }

  /** The directory of the log. */
  public Path directory() {
    return dir;
  }

  /**
   * Appends the record of a call and returns once it is written and, unless the log has a {@link
   * Options#syncDelay()}, forced to disk.
   *
   * @throws AuditWriteException when the record cannot be written or the log is closed; the call
   *     must then fail
   * @throws IllegalArgumentException when a parameter has a type that cannot be logged
   */
  public Receipt append(AuditEvent event) {
    return append(event, options.syncDelay().isZero());
  }

  /**
   * Appends the record of a call and returns once it is written and, when {@code force}, forced to
   * disk; the records written before it are then forced too.
   *
   * @throws AuditWriteException when the record cannot be written or forced, or the log is closed;
   *     the call must then fail
   */
  public Receipt append(AuditEvent event, boolean force) {
    String eventId = options.eventIds().get().toString();
    // Acknowledged once written: the record and everything before it go to the file now. Forced
    // records wait in the buffer for the syncing thread, which writes and forces them in one go.
    long seq = chain(event, eventId, !force);
    if (force) {
      awaitForced(seq);
    }
    return new Receipt(seq, eventId);
  }

  /**
   * Serializes the event, gives it its place in the chain and puts it in the buffer, written to the
   * file at once when {@code writeNow}; returns its sequence number.
   */
  private long chain(AuditEvent event, String eventId, boolean writeNow) {
    byte[] body;
    try {
      body = AuditFormat.eventBody(event, options.clock().instant(), eventId);
    } catch (JacksonException e) {
      throw new AuditWriteException("cannot serialize the audit record of " + event.eventName(), e);
    }
    lock.lock();
    try {
      usable();
      try {
        long seq = writeEvent(body);
        if (writeNow || len >= WRITE_AT) {
          write();
        }
        return seq;
      } catch (IOException | RuntimeException e) {
        fail(e);
        throw writeFailed(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends the record of a call without waiting for it: the future completes once the record is on
   * disk (forced), or exceptionally with {@link AuditWriteException} when it cannot be written or
   * forced. A caller can have many records in flight, so one force covers many records without a
   * thread waiting for each. The future completes on the log's syncing thread: keep what runs on
   * its completion short, or continue with the {@code *Async} methods of the future.
   *
   * @throws AuditWriteException when the record cannot be serialized or written, or the log is
   *     closed
   */
  public java.util.concurrent.CompletableFuture<Receipt> appendAsync(AuditEvent event) {
    String eventId = options.eventIds().get().toString();
    long seq = chain(event, eventId, false);
    var future = new java.util.concurrent.CompletableFuture<Receipt>();
    waiters.add(new Waiter(seq, null, future, eventId));
    LockSupport.unpark(syncer);
    return future;
  }

  private void usable() {
    if (closed) {
      throw new AuditWriteException("the audit log in " + dir + " is closed");
    }
    Throwable f = failure;
    if (f != null) {
      throw writeFailed(f);
    }
  }

  private AuditWriteException writeFailed(Throwable e) {
    return new AuditWriteException(
        "cannot write the audit record to " + dir + ": " + e.getMessage(), e);
  }

  private void fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    LockSupport.unpark(syncer);
  }

  /** Buffered bytes beyond which an append writes them instead of leaving them to the syncer. */
  private static final int WRITE_AT = 1 << 20;

  /**
   * Puts one event record (and a checkpoint when one is due) in the buffer, after the records
   * buffered before it; returns its sequence number.
   */
  private long writeEvent(byte[] body) throws IOException {
    if (fileSize + len >= options.maxFileBytes()) {
      rotate();
    }
    long seq = nextSeq;
    int start = len;
    put("{\"record\":\"event\",\"seq\":" + nextSeq + ",\"prev\":\"" + prev + "\",");
    put(body, 1, body.length - 1);
    endLine(start);
    sinceCheckpoint++;
    Instant now = options.clock().instant();
    if (sinceCheckpoint >= options.checkpointEvery()
        || !now.isBefore(lastCheckpoint.plus(options.checkpointInterval()))) {
      putCheckpoint(AuditFormat.ON_INTERVAL, now);
    }
    return seq;
  }

  /** Waits until every record up to {@code seq} is on disk. */
  private void awaitForced(long seq) {
    if (forcedSeq >= seq) {
      return;
    }
    waiters.add(new Waiter(seq, Thread.currentThread(), null, null));
    LockSupport.unpark(syncer);
    while (forcedSeq < seq) {
      Throwable f = failure;
      if (f != null) {
        throw writeFailed(f);
      }
      if (closed && !syncer.isAlive()) {
        throw new AuditWriteException(
            "the audit log in " + dir + " closed before the record was forced");
      }
      LockSupport.parkNanos(this, 10_000_000L);
    }
  }

  /**
   * The syncing thread: forces what was written as soon as somebody waits for it, or within the
   * sync delay, then wakes the callers it covered.
   */
  private void syncLoop() {
    long delay = options.syncDelay().toNanos();
    long writtenSince = 0;
    while (true) {
      if (failure != null || closed) {
        wakeCovered();
        wakeAll();
        if (closed) {
          return;
        }
        LockSupport.parkNanos(this, 100_000_000L);
        continue;
      }
      long target = appendedSeq;
      if (target > forcedSeq && writtenSince == 0) {
        writtenSince = System.nanoTime();
      }
      boolean due =
          target > forcedSeq && (!waiters.isEmpty() || System.nanoTime() - writtenSince >= delay);
      if (!due) {
        if (waiters.isEmpty()) {
          LockSupport.parkNanos(this, delay > 0 ? Math.min(delay, 100_000_000L) : 100_000_000L);
        } else {
          wakeCovered();
        }
        continue;
      }
      FileChannel ch;
      lock.lock();
      try {
        if (closed || failure != null) {
          continue;
        }
        write();
        ch = channel;
        target = writtenSeq;
      } catch (IOException | RuntimeException e) {
        fail(e);
        continue;
      } finally {
        lock.unlock();
      }
      try {
        ch.force(false);
        forcedSeq = Math.max(forcedSeq, target);
      } catch (java.nio.channels.ClosedChannelException e) {
        // Rotated or closed meanwhile: rotation and close force the file before closing it.
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
      writtenSince = 0;
      wakeCovered();
    }
  }

  private void wakeCovered() {
    long forced = forcedSeq;
    for (java.util.Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.seq() <= forced) {
        it.remove();
        w.release(null);
      }
    }
  }

  private void wakeAll() {
    Waiter w;
    Throwable f = failure;
    Throwable cause =
        f != null
            ? writeFailed(f)
            : new AuditWriteException(
                "the audit log in " + dir + " closed before the record was forced");
    while ((w = waiters.poll()) != null) {
      w.release(cause);
    }
  }

  /** The last sequence number known to be on disk. */
  long forcedThrough() {
    return forcedSeq;
  }

  /** The last sequence number written to the file (possibly not yet on disk). */
  long writtenThrough() {
    return writtenSeq;
  }

  /** Writes a signed checkpoint now, with any queued records before it. */
  public void checkpoint() {
    runExclusive(AuditFormat.ON_REQUEST, false);
  }

  /** Writes the queued records and a closing checkpoint, and closes the file. Idempotent. */
  @Override
  public void close() {
    runExclusive(AuditFormat.ON_CLOSE, true);
  }

  private void runExclusive(String checkpointReason, boolean close) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (failure == null) {
        try {
          putCheckpoint(checkpointReason, options.clock().instant());
          write();
          channel.force(false);
          forcedSeq = writtenSeq;
        } catch (IOException | RuntimeException e) {
          fail(e);
        }
      }
      if (close) {
        closed = true;
        LockSupport.unpark(syncer);
        try {
          channel.close();
        } catch (IOException e) {
          fail(e);
        }
      }
      if (failure != null) {
        throw new AuditWriteException(
            "cannot write the audit log " + file + ": " + failure.getMessage(), failure);
      }
    } finally {
      lock.unlock();
    }
    if (close) {
      try {
        syncer.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Closes the current file with a checkpoint and begins the next one. */
  private void rotate() throws IOException {
    putCheckpoint(AuditFormat.ON_ROTATE, options.clock().instant());
    flush();
    forcedSeq = writtenSeq;
    channel.close();
    fileIndex++;
    file = dir.resolve(AuditFormat.fileName(fileIndex));
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fileSize = 0;
    forceDirectory(dir);
  }

  private void putCheckpoint(String reason, Instant now) {
    int start = len;
    put(
        "{\"record\":\"checkpoint\",\"seq\":"
            + nextSeq
            + ",\"prev\":\""
            + prev
            + "\",\"time\":\""
            + AuditFormat.recordTime(now)
            + "\",\"reason\":\""
            + reason
            + "\",\"keyId\":\""
            + key.keyId()
            + "\"");
    byte[] signed = new byte[AuditFormat.SIGNATURE_DOMAIN.length + len - start];
    System.arraycopy(
        AuditFormat.SIGNATURE_DOMAIN, 0, signed, 0, AuditFormat.SIGNATURE_DOMAIN.length);
    System.arraycopy(buf, start, signed, AuditFormat.SIGNATURE_DOMAIN.length, len - start);
    byte[] sig = key.sign(signed, 0, signed.length);
    put(AuditFormat.SIG_MEMBER + Base64.getEncoder().encodeToString(sig) + "\"}");
    endLine(start);
    sinceCheckpoint = 0;
    lastCheckpoint = now;
  }

  private void putRecovery(String cause, long discardedBytes, String discardedSha256) {
    int start = len;
    put(
        "{\"record\":\"recovery\",\"seq\":"
            + nextSeq
            + ",\"prev\":\""
            + prev
            + "\",\"time\":\""
            + AuditFormat.recordTime(options.clock().instant())
            + "\",\"cause\":\""
            + cause
            + "\",\"discardedBytes\":"
            + discardedBytes
            + (discardedSha256 == null ? "" : ",\"discardedSha256\":\"" + discardedSha256 + "\"")
            + "}");
    endLine(start);
    sinceCheckpoint++;
  }

  /** Ends the record begun at {@code start}: its hash becomes the next record's {@code prev}. */
  private void endLine(int start) {
    sha.update(buf, start, len - start);
    prev = AuditFormat.hex(sha.digest());
    put((byte) '\n');
    appendedSeq = nextSeq;
    nextSeq++;
  }

  /** Writes the buffer to the file and forces it. */
  private void flush() throws IOException {
    write();
    channel.force(false);
  }

  /** Writes the buffer to the file (not forced). */
  private void write() throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    while (bb.hasRemaining()) {
      channel.write(bb, fileSize + bb.position());
    }
    fileSize += len;
    len = 0;
    writtenSeq = nextSeq - 1;
  }

  private void put(String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
    put(b, 0, b.length);
  }

  private void put(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  // ---- opening and recovery ----

  private void recover() throws IOException {
    Files.createDirectories(dir);
    List<Path> files = AuditFormat.logFiles(dir);
    nextSeq = 1;
    prev = AuditFormat.GENESIS;
    lastCheckpoint = options.clock().instant();
    if (files.isEmpty()) {
      fileIndex = 1;
      file = dir.resolve(AuditFormat.fileName(fileIndex));
      channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      fileSize = 0;
      forceDirectory(dir);
      return;
    }
    file = files.get(files.size() - 1);
    fileIndex = AuditFormat.fileIndex(file.getFileName().toString());
    byte[] bytes = Files.readAllBytes(file);
    // Records end at the last newline before any zero byte: JSON lines hold none, and after a
    // power loss a file may hold pages that were never written, which read as zeros.
    int firstZero = indexOf(bytes, (byte) 0, 0);
    int end = lastNewline(bytes, firstZero < 0 ? bytes.length : firstZero) + 1;
    int dataEnd = bytes.length;
    while (dataEnd > end && bytes[dataEnd - 1] == 0) {
      dataEnd--;
    }
    String lastRecord = null;
    if (end > 0) {
      lastRecord = continueAfter(file, bytes, end);
    } else {
      for (int i = files.size() - 2; i >= 0 && lastRecord == null; i--) {
        byte[] earlier = Files.readAllBytes(files.get(i));
        int e = lastNewline(earlier, earlier.length) + 1;
        if (e != earlier.length) {
          throw new IOException(
              files.get(i)
                  + ": ends inside a record, but a later log file exists; run `keyvet"
                  + " audit verify`");
        }
        if (e > 0) {
          lastRecord = continueAfter(files.get(i), earlier, e);
        }
      }
    }
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    boolean ok = false;
    try {
      int torn = dataEnd - end;
      String tornSha = null;
      if (torn > 0) {
        tornSha = AuditFormat.sha256Hex(bytes, end, torn);
        Path keep = dir.resolve(file.getFileName() + ".torn-" + end);
        Files.write(
            keep,
            Arrays.copyOfRange(bytes, end, dataEnd),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC);
        forceDirectory(dir);
      }
      if (bytes.length > end) {
        channel.truncate(end);
        channel.force(false);
      }
      fileSize = end;
      if (torn > 0) {
        len = 0;
        putRecovery("torn-tail", torn, tornSha);
        flush();
      } else if (lastRecord != null && !lastRecord.equals(AuditFormat.CHECKPOINT)) {
        len = 0;
        putRecovery("unclean-shutdown", 0, null);
        flush();
      }
      ok = true;
    } finally {
      if (!ok) {
        channel.close();
      }
    }
  }

  /** Sets the chain state after the last complete record of a file; returns its record type. */
  private String continueAfter(Path f, byte[] bytes, int end) throws IOException {
    int start = lastNewline(bytes, end - 1) + 1;
    long line = 1;
    for (int i = 0; i < start; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    try {
      JsonNode n = AuditFormat.READER.readTree(Arrays.copyOfRange(bytes, start, end - 1));
      JsonNode seq = n.get("seq");
      JsonNode type = n.get("record");
      if (seq == null || !seq.canConvertToLong() || type == null || !type.isString()) {
        throw new IOException(f + ":" + line + ": not an audit record; run `keyvet audit verify`");
      }
      nextSeq = seq.asLong() + 1;
      prev = AuditFormat.sha256Hex(bytes, start, end - 1 - start);
      return type.asString();
    } catch (JacksonException e) {
      throw new IOException(f + ":" + line + ": not an audit record; run `keyvet audit verify`");
    }
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static int lastNewline(byte[] b, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Makes a directory's entries durable (a new or renamed file), where the platform allows. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the file's own force still holds its content.
    }
  }
}
