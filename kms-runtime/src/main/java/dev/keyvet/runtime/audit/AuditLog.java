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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
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
 * <p><b>Durability.</b> {@link #append} returns only once its record is on disk ({@code
 * FileChannel.force}); if the record cannot be written it throws {@link AuditWriteException}, and
 * the call it describes must fail. Concurrent callers share the cost of the flush (group commit):
 * callers serialize their records in parallel and queue them; whichever caller finds no write in
 * progress writes the whole queue in one {@code write} and one {@code force}, then releases every
 * caller of that batch. After an I/O error the log refuses every later append (its state on disk is
 * unknown); reopening recovers.
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
   */
  public record Options(
      Clock clock,
      Supplier<UUID> eventIds,
      int checkpointEvery,
      Duration checkpointInterval,
      long maxFileBytes) {
    public Options {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(eventIds, "eventIds");
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      if (checkpointEvery < 1 || maxFileBytes < 1) {
        throw new IllegalArgumentException("checkpointEvery and maxFileBytes must be positive");
      }
    }

    /** System clock, random ids, a checkpoint every 10,000 records or 5 minutes, 64 MiB files. */
    public static Options defaults() {
      return new Options(
          Clock.systemUTC(), UUID::randomUUID, 10_000, Duration.ofMinutes(5), 64L << 20);
    }

    public Options withClock(Clock c) {
      return new Options(c, eventIds, checkpointEvery, checkpointInterval, maxFileBytes);
    }

    public Options withEventIds(Supplier<UUID> ids) {
      return new Options(clock, ids, checkpointEvery, checkpointInterval, maxFileBytes);
    }

    public Options withCheckpointEvery(int n) {
      return new Options(clock, eventIds, n, checkpointInterval, maxFileBytes);
    }

    public Options withCheckpointInterval(Duration d) {
      return new Options(clock, eventIds, checkpointEvery, d, maxFileBytes);
    }

    public Options withMaxFileBytes(long n) {
      return new Options(clock, eventIds, checkpointEvery, checkpointInterval, n);
    }
  }

  /**
   * A durable record.
   *
   * @param sequence its sequence number in the log
   * @param eventId its CloudTrail event id
   */
  public record Receipt(long sequence, String eventId) {}

  /** A record waiting to be written. */
  private static final class Pending {
    final byte[] body;
    long seq;
    boolean done;
    Throwable error;

    Pending(byte[] body) {
      this.body = body;
    }
  }

  private final Path dir;
  private final CheckpointKey key;
  private final Options options;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private List<Pending> queue = new ArrayList<>();
  private boolean writing;
  private boolean closed;
  private Throwable failure;

  // Chain state, touched only by the thread that is writing (writing == true hands it over).
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
    return log;
  }

  /** The directory of the log. */
  public Path directory() {
    return dir;
  }

  /**
   * Appends the record of a call and returns once it is durable.
   *
   * @throws AuditWriteException when the record cannot be written or the log is closed; the call
   *     must then fail
   * @throws IllegalArgumentException when a parameter has a type that cannot be logged
   */
  public Receipt append(AuditEvent event) {
    Instant now = options.clock().instant();
    String eventId = options.eventIds().get().toString();
    byte[] body;
    try {
      body = AuditFormat.eventBody(event, now, eventId);
    } catch (JacksonException e) {
      throw new AuditWriteException("cannot serialize the audit record of " + event.eventName(), e);
    }
    Pending p = new Pending(body);
    lock.lock();
    try {
      if (closed) {
        throw new AuditWriteException("the audit log in " + dir + " is closed");
      }
      queue.add(p);
      while (!p.done) {
        if (failure != null) {
          queue.remove(p);
          p.error = failure;
          break;
        }
        if (!writing) {
          writeQueued(null);
        } else {
          written.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
    if (p.error != null) {
      throw new AuditWriteException(
          "cannot write the audit record to " + dir + ": " + p.error.getMessage(), p.error);
    }
    return new Receipt(p.seq, eventId);
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
      while (writing) {
        written.awaitUninterruptibly();
      }
      if (failure == null) {
        writeQueued(checkpointReason);
      }
      if (close) {
        closed = true;
        try {
          channel.close();
        } catch (IOException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw new AuditWriteException(
            "cannot write the audit log " + file + ": " + failure.getMessage(), failure);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes the queue as one batch, with the lock released while writing. Called with the lock held
   * and no write in progress; returns with the lock held.
   */
  private void writeQueued(String checkpointReason) {
    writing = true;
    List<Pending> batch = queue;
    queue = new ArrayList<>();
    Throwable error = null;
    lock.unlock();
    try {
      writeBatch(batch, checkpointReason);
    } catch (IOException | RuntimeException | Error e) {
      error = e;
    } finally {
      lock.lock();
      writing = false;
      if (error != null && failure == null) {
        failure = error;
      }
      for (Pending p : batch) {
        p.error = error;
        p.done = true;
      }
      written.signalAll();
    }
  }

  private void writeBatch(List<Pending> batch, String checkpointReason) throws IOException {
    if (fileSize >= options.maxFileBytes()) {
      rotate();
    }
    len = 0;
    for (Pending p : batch) {
      p.seq = nextSeq;
      int start = len;
      put("{\"record\":\"event\",\"seq\":" + nextSeq + ",\"prev\":\"" + prev + "\",");
      put(p.body, 1, p.body.length - 1);
      endLine(start);
      sinceCheckpoint++;
    }
    Instant now = options.clock().instant();
    if (checkpointReason == null
        && sinceCheckpoint > 0
        && (sinceCheckpoint >= options.checkpointEvery()
            || !now.isBefore(lastCheckpoint.plus(options.checkpointInterval())))) {
      checkpointReason = AuditFormat.ON_INTERVAL;
    }
    if (checkpointReason != null) {
      putCheckpoint(checkpointReason, now);
    }
    flush();
  }

  /** Closes the current file with a checkpoint and begins the next one. */
  private void rotate() throws IOException {
    len = 0;
    putCheckpoint(AuditFormat.ON_ROTATE, options.clock().instant());
    flush();
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
    nextSeq++;
  }

  private void flush() throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    while (bb.hasRemaining()) {
      channel.write(bb, fileSize + bb.position());
    }
    channel.force(false);
    fileSize += len;
    len = 0;
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
    int end = lastNewline(bytes, bytes.length) + 1;
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
      int torn = bytes.length - end;
      String tornSha = null;
      if (torn > 0) {
        tornSha = AuditFormat.sha256Hex(bytes, end, torn);
        Path keep = dir.resolve(file.getFileName() + ".torn-" + end);
        Files.write(
            keep,
            Arrays.copyOfRange(bytes, end, bytes.length),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC);
        channel.truncate(end);
        channel.force(false);
        forceDirectory(dir);
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
