package dev.keyvet.runtime;

import dev.keyvet.runtime.crypto.Sealer;
import dev.keyvet.runtime.crypto.SealerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The store's state on disk under {@code <data>/store/}: a snapshot and a write-ahead log of the
 * changes after it. See {@code docs/runtime.md} ("Persistence") for the formats and the recovery
 * rules. Not thread-safe: the store calls it under its write lock.
 */
final class StateLog implements AutoCloseable {
  static final String DIRECTORY = "store";
  static final String DESCRIPTOR = "root-key.kvrk";
  static final String LOCK = "lock";
  private static final byte[] SNAPSHOT_MAGIC = {'K', 'V', 'S', 'N'};
  private static final byte[] WAL_MAGIC = {'K', 'V', 'W', 'L'};
  private static final byte FORMAT_VERSION = 1;
  private static final int WAL_HEADER = 4 + 1 + 8;
  private static final int MAX_ENTRY = 64 << 20;
  static final byte CALL = 1;
  static final byte SYSTEM = 2;
  static final byte ABORT = 3;
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.kvs");
  private static final Pattern WAL = Pattern.compile("wal-(\\d{20})\\.kvw");
  private static final byte[] TOKEN_KEY_DATA =
      "keyvet store import token key v1".getBytes(StandardCharsets.US_ASCII);

  /** How the root key is given. Exactly one of passphrase and keyFile. */
  record RootKey(char[] passphrase, Path keyFile, Sealer.Argon2Parameters argon2) {}

  /** The state read from disk. */
  record Loaded(
      Map<String, StoreState.Key> keys,
      Map<String, StoreState.Material> materials,
      Map<String, StoreState.Alias> aliases,
      Map<String, String> grantTokens,
      Map<String, StoreState.Import> imports,
      byte[] importTokenKey,
      List<String> notes) {}

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final StoreCodec codec;
  private final byte[] importTokenKey;
  private FileChannel wal;
  private long base;
  private long lastSeq;
  private int sinceSnapshot;

  /** The sealer of the store's secrets (root key derived), for the audit checkpoint key. */
  dev.keyvet.runtime.crypto.Sealer sealer() {
    return codec.sealer();
  }

  private StateLog(
      Path dir, FileChannel lockChannel, FileLock lock, StoreCodec codec, byte[] tokenKey) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.codec = codec;
    this.importTokenKey = tokenKey;
  }

  byte[] importTokenKey() {
    return importTokenKey;
  }

  int sinceSnapshot() {
    return sinceSnapshot;
  }

  // ---------------------------------------------------------------------------------------------
  // Opening and recovery.

  /**
   * Opens (or creates) the store of {@code dataDir} and recovers its state: the latest snapshot,
   * then every log entry after it. The last entry of a call is applied only when {@code audited}
   * finds the call's audit record (otherwise the call never succeeded); an unfinished last entry is
   * moved aside. On any error nothing is written.
   */
  static StateLog open(
      Path dataDir, RootKey rootKey, SecureRandom random, Predicate<String> audited, Out out) {
    Path dir = dataDir.resolve(DIRECTORY);
    FileChannel lockChannel = null;
    FileLock lock = null;
    boolean ok = false;
    try {
      Files.createDirectories(dir);
      lockChannel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StoreException(
            StoreException.Code.LOCKED, dir + " is in use by another store; close it first");
      }
      StateLog log = recover(dir, lockChannel, lock, rootKey, random, audited, out);
      ok = true;
      return log;
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Code.IO, "cannot open the store in " + dir + ": " + e.getMessage(), e);
    } finally {
      if (!ok) {
        closeQuietly(lock, lockChannel);
      }
    }
  }

  /** Where recovery reports what it loaded. */
  static final class Out {
    Loaded loaded;
  }

  private static StateLog recover(
      Path dir,
      FileChannel lockChannel,
      FileLock lock,
      RootKey rootKey,
      SecureRandom random,
      Predicate<String> audited,
      Out out)
      throws IOException {
    TreeMap<Long, Path> snapshots = new TreeMap<>();
    TreeMap<Long, Path> wals = new TreeMap<>();
    List<Path> temps = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        Matcher s = SNAPSHOT.matcher(name);
        Matcher w = WAL.matcher(name);
        if (s.matches()) {
          snapshots.put(Long.parseLong(s.group(1)), p);
        } else if (w.matches()) {
          wals.put(Long.parseLong(w.group(1)), p);
        } else if (name.endsWith(".tmp")) {
          temps.add(p);
        }
      }
    }
    Path descriptorFile = dir.resolve(DESCRIPTOR);
    boolean fresh = !Files.exists(descriptorFile);
    if (fresh && (!snapshots.isEmpty() || !wals.isEmpty())) {
      throw new StoreException(
          StoreException.Code.CORRUPT,
          descriptorFile + " is missing, but the store has data files; restore it from a backup");
    }
    Sealer sealer =
        fresh ? createSealer(rootKey, random) : openSealer(descriptorFile, rootKey, random);
    StoreCodec codec = new StoreCodec(sealer);
    if (fresh) {
      writeAtomically(dir, descriptorFile, sealer.descriptor());
    }
    if (snapshots.isEmpty()) {
      if (!wals.isEmpty()) {
        throw new StoreException(
            StoreException.Code.CORRUPT,
            wals.firstEntry().getValue() + " has no snapshot before it; the store is incomplete");
      }
      // A new store, or one whose creation stopped before its first snapshot.
      byte[] tokenKey = new byte[32];
      random.nextBytes(tokenKey);
      StateLog log = new StateLog(dir, lockChannel, lock, codec, tokenKey);
      Loaded empty =
          new Loaded(
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              tokenKey,
              List.of());
      log.writeSnapshot(empty, 0);
      out.loaded = empty;
      deleteAll(temps);
      return log;
    }
    long snapSeq = snapshots.lastKey();
    Path snapFile = snapshots.lastEntry().getValue();
    if (!wals.isEmpty() && wals.lastKey() > snapSeq) {
      throw new StoreException(
          StoreException.Code.CORRUPT,
          wals.lastEntry().getValue()
              + " follows a snapshot that is missing (latest is "
              + snapFile
              + ")");
    }
    Loaded state = readSnapshot(snapFile, snapSeq, codec);
    StateLog log = new StateLog(dir, lockChannel, lock, codec, state.importTokenKey());
    List<String> notes = new ArrayList<>();
    Path walFile = wals.get(snapSeq);
    WalContents contents = walFile == null ? null : readWal(walFile, snapSeq, codec);
    long next = snapSeq;
    if (contents != null) {
      List<Entry> entries = contents.entries();
      Set<Long> aborted = new HashSet<>();
      for (Entry e : entries) {
        if (e.type() == ABORT) {
          aborted.add(e.seq());
        }
      }
      Entry last = null;
      for (Entry e : entries) {
        if (e.type() != ABORT) {
          last = e;
        }
      }
      for (Entry e : entries) {
        if (e.type() == ABORT || aborted.contains(e.seq())) {
          continue;
        }
        if (e == last && e.type() == CALL && !audited.test(e.requestId())) {
          notes.add(
              "entry "
                  + e.seq()
                  + " of "
                  + walFile.getFileName()
                  + " (request "
                  + e.requestId()
                  + ") has no audit record: the call did not succeed, so it is not applied");
          continue;
        }
        apply(state, e.changes());
      }
      for (Entry e : entries) {
        next = Math.max(next, e.seq());
      }
      if (contents.tornAt() >= 0) {
        Path aside = walFile.resolveSibling(walFile.getFileName() + ".torn-" + contents.tornAt());
        Files.write(aside, contents.tornBytes());
        notes.add(
            walFile.getFileName()
                + ": an unfinished last entry ("
                + contents.tornBytes().length
                + " bytes at offset "
                + contents.tornAt()
                + ") was never acknowledged; moved to "
                + aside.getFileName());
      }
    }
    boolean rewrite = contents == null || !contents.entries().isEmpty() || contents.tornAt() >= 0;
    if (rewrite) {
      long newBase = contents == null ? snapSeq : next + 1;
      log.writeSnapshot(state, newBase);
    } else {
      log.base = snapSeq;
      log.lastSeq = snapSeq;
      log.wal = FileChannel.open(walFile, StandardOpenOption.WRITE);
      log.wal.position(log.wal.size());
    }
    for (Map.Entry<Long, Path> e : snapshots.entrySet()) {
      if (e.getKey() < log.base) {
        Files.deleteIfExists(e.getValue());
      }
    }
    for (Map.Entry<Long, Path> e : wals.entrySet()) {
      if (e.getKey() < log.base) {
        Files.deleteIfExists(e.getValue());
      }
    }
    deleteAll(temps);
    fsyncDirectory(dir);
    out.loaded =
        new Loaded(
            state.keys(),
            state.materials(),
            state.aliases(),
            state.grantTokens(),
            state.imports(),
            state.importTokenKey(),
            notes);
    return log;
  }

  private static Sealer createSealer(RootKey rootKey, SecureRandom random) throws IOException {
    if (rootKey.passphrase() != null) {
      return Sealer.createWithPassphrase(rootKey.passphrase(), rootKey.argon2(), random);
    }
    if (rootKey.keyFile() != null) {
      byte[] key = Sealer.readKeyFile(rootKey.keyFile());
      try {
        return Sealer.createWithKey(key, random);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
    throw new StoreException(
        StoreException.Code.ROOT_KEY_REQUIRED,
        "a store with a data directory needs a passphrase or a key file for its root key");
  }

  private static Sealer openSealer(Path descriptorFile, RootKey rootKey, SecureRandom random)
      throws IOException {
    byte[] descriptor = Files.readAllBytes(descriptorFile);
    boolean passphrase = descriptor.length > 5 && descriptor[5] == 1;
    try {
      if (rootKey.passphrase() != null && passphrase) {
        return Sealer.openWithPassphrase(rootKey.passphrase(), descriptor, random);
      }
      if (rootKey.keyFile() != null && !passphrase) {
        byte[] key = Sealer.readKeyFile(rootKey.keyFile());
        try {
          return Sealer.openWithKey(key, descriptor, random);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
    } catch (SealerException e) {
      if (e.getMessage() != null && e.getMessage().contains("damaged")) {
        throw new StoreException(
            StoreException.Code.CORRUPT, descriptorFile + ": " + e.getMessage());
      }
      throw new StoreException(
          StoreException.Code.WRONG_ROOT_KEY,
          (passphrase ? "wrong passphrase" : "wrong key file")
              + " for the store in "
              + descriptorFile.getParent()
              + " (checked against "
              + descriptorFile.getFileName()
              + "); nothing was changed");
    }
    throw new StoreException(
        StoreException.Code.ROOT_KEY_REQUIRED,
        "the store in "
            + descriptorFile.getParent()
            + " was created with a "
            + (passphrase ? "passphrase" : "key file")
            + "; open it with the same");
  }

  private static void apply(Loaded state, List<StoreCodec.Change> changes) {
    for (StoreCodec.Change c : changes) {
      switch (c.kind()) {
        case StoreCodec.KEY -> put(state.keys(), c.id(), (StoreState.Key) c.value());
        case StoreCodec.MATERIAL -> put(state.materials(), c.id(), (StoreState.Material) c.value());
        case StoreCodec.ALIAS -> put(state.aliases(), c.id(), (StoreState.Alias) c.value());
        case StoreCodec.TOKEN -> put(state.grantTokens(), c.id(), (String) c.value());
        case StoreCodec.IMPORT -> put(state.imports(), c.id(), (StoreState.Import) c.value());
        default -> throw new IllegalStateException("unknown record kind " + c.kind());
      }
    }
  }

  private static <V> void put(Map<String, V> m, String id, V v) {
    if (v == null) {
      m.remove(id);
    } else {
      m.put(id, v);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots.

  /**
   * Writes {@code state} as snapshot {@code seq} (temporary file, fsync, atomic rename, directory
   * fsync), then starts the log that follows it and deletes the older snapshot and log.
   */
  void writeSnapshot(Loaded state, long seq) throws IOException {
    StoreCodec.Out o = new StoreCodec.Out();
    o.bytes(SNAPSHOT_MAGIC.clone());
    o.b(FORMAT_VERSION);
    o.l(seq);
    o.bytes(codec.seal(importTokenKey, TOKEN_KEY_DATA));
    List<StoreCodec.Change> records = new ArrayList<>();
    state.keys().forEach((k, v) -> records.add(new StoreCodec.Change(StoreCodec.KEY, k, v)));
    state
        .materials()
        .forEach((k, v) -> records.add(new StoreCodec.Change(StoreCodec.MATERIAL, k, v)));
    state.aliases().forEach((k, v) -> records.add(new StoreCodec.Change(StoreCodec.ALIAS, k, v)));
    state
        .grantTokens()
        .forEach((k, v) -> records.add(new StoreCodec.Change(StoreCodec.TOKEN, k, v)));
    state.imports().forEach((k, v) -> records.add(new StoreCodec.Change(StoreCodec.IMPORT, k, v)));
    o.i(records.size());
    for (StoreCodec.Change c : records) {
      codec.writeChange(o, c);
    }
    byte[] body = o.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(body);
    ByteBuffer file = ByteBuffer.allocate(body.length + 4);
    file.put(body).putInt((int) crc.getValue());
    Path target = dir.resolve(snapshotName(seq));
    writeAtomically(dir, target, file.array());

    Path walFile = dir.resolve(walName(seq));
    Path tmp = walFile.resolveSibling(walFile.getFileName() + ".tmp");
    FileChannel next =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.allocate(WAL_HEADER);
      header.put(WAL_MAGIC).put(FORMAT_VERSION).putLong(seq).flip();
      writeFully(next, header);
      next.force(true);
      move(tmp, walFile);
      fsyncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      next.close();
      throw e;
    }
    FileChannel previous = wal;
    long previousBase = base;
    wal = next;
    base = seq;
    lastSeq = seq;
    sinceSnapshot = 0;
    if (previous != null) {
      previous.close();
      if (previousBase != seq) {
        Files.deleteIfExists(dir.resolve(walName(previousBase)));
        Files.deleteIfExists(dir.resolve(snapshotName(previousBase)));
        fsyncDirectory(dir);
      }
    }
  }

  /** Writes a snapshot of the store's current state and starts a new log after it. */
  void compact(Loaded state) throws IOException {
    writeSnapshot(state, lastSeq + 1);
  }

  private static Loaded readSnapshot(Path file, long seq, StoreCodec codec) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 4 + 4 + 1 + 8 + 4) {
      throw new StoreException(
          StoreException.Code.TRUNCATED,
          file + ": truncated snapshot (" + bytes.length + " bytes); restore it from a backup");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    StoreCodec.In in = new StoreCodec.In(ByteBuffer.wrap(bytes, 0, bytes.length - 4), 0);
    try {
      byte[] magic = in.bytes();
      if (magic == null || !Arrays.equals(magic, SNAPSHOT_MAGIC)) {
        throw new StoreCodec.Malformed("not a keyvet store snapshot", 0);
      }
      if ((int) crc.getValue() != stored) {
        throw new StoreException(
            StoreException.Code.CORRUPT,
            file
                + ": checksum mismatch over "
                + (bytes.length - 4)
                + " bytes: the snapshot is damaged or truncated; restore it from a backup");
      }
      long at = in.offset();
      int version = in.b();
      if (version != FORMAT_VERSION) {
        throw new StoreCodec.Malformed("unknown snapshot format version " + version, at);
      }
      at = in.offset();
      if (in.l() != seq) {
        throw new StoreCodec.Malformed(
            "the snapshot's sequence number does not match its name", at);
      }
      at = in.offset();
      byte[] sealedToken = in.bytes();
      if (sealedToken == null) {
        throw new StoreCodec.Malformed("the import token key is missing", at);
      }
      byte[] tokenKey = codec.unseal(sealedToken, TOKEN_KEY_DATA, at);
      Loaded state =
          new Loaded(
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              tokenKey,
              List.of());
      int n = in.count("record");
      List<StoreCodec.Change> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        records.add(codec.readChange(in));
      }
      if (in.more()) {
        throw new StoreCodec.Malformed("unexpected bytes after the last record", in.offset());
      }
      apply(state, records);
      return state;
    } catch (StoreCodec.Malformed e) {
      throw new StoreException(
          StoreException.Code.CORRUPT,
          file + " at byte " + e.offset + ": " + e.getMessage() + "; restore it from a backup");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The write-ahead log.

  private record Entry(byte type, long seq, String requestId, List<StoreCodec.Change> changes) {}

  private record WalContents(List<Entry> entries, long tornAt, byte[] tornBytes) {}

  /** Appends one entry and forces it to disk; returns its sequence number. */
  long append(String requestId, List<StoreCodec.Change> changes) throws IOException {
    long seq = lastSeq + 1;
    StoreCodec.Out o = new StoreCodec.Out();
    o.b(requestId == null ? SYSTEM : CALL);
    o.l(seq);
    if (requestId != null) {
      o.s(requestId);
    }
    o.i(changes.size());
    for (StoreCodec.Change c : changes) {
      codec.writeChange(o, c);
    }
    writeEntry(o.toByteArray());
    lastSeq = seq;
    sinceSnapshot++;
    return seq;
  }

  /** Records that entry {@code seq} is void: its call failed after the entry was written. */
  void abort(long seq) throws IOException {
    StoreCodec.Out o = new StoreCodec.Out();
    o.b(ABORT);
    o.l(seq);
    writeEntry(o.toByteArray());
  }

  private void writeEntry(byte[] payload) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    writeFully(wal, b);
    wal.force(false);
  }

  private static WalContents readWal(Path file, long expectedBase, StoreCodec codec)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < WAL_HEADER) {
      // Creation was interrupted before the header was on disk: nothing was ever logged here.
      return new WalContents(List.of(), bytes.length == 0 ? -1 : 0, bytes);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[4];
    buf.get(magic);
    if (!Arrays.equals(magic, WAL_MAGIC)) {
      throw corrupt(file, 0, "not a keyvet store log");
    }
    int version = buf.get() & 0xff;
    if (version != FORMAT_VERSION) {
      throw corrupt(file, 4, "unknown log format version " + version);
    }
    if (buf.getLong() != expectedBase) {
      throw corrupt(file, 5, "the log's base does not match its name");
    }
    List<Entry> entries = new ArrayList<>();
    long expected = expectedBase + 1;
    while (buf.hasRemaining()) {
      int at = buf.position();
      int remaining = buf.remaining();
      if (remaining < 8) {
        return torn(entries, bytes, at);
      }
      int length = buf.getInt();
      int stored = buf.getInt();
      if (length <= 0 || length > MAX_ENTRY) {
        if (allZero(bytes, at)) {
          return torn(entries, bytes, at);
        }
        throw corrupt(file, at, "invalid entry length " + length);
      }
      if (length > buf.remaining()) {
        return torn(entries, bytes, at);
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, buf.position(), length);
      if ((int) crc.getValue() != stored) {
        if (buf.position() + length == bytes.length) {
          return torn(entries, bytes, at);
        }
        throw corrupt(
            file, at, "checksum mismatch in a log entry that is followed by others (damaged)");
      }
      StoreCodec.In in =
          new StoreCodec.In(ByteBuffer.wrap(bytes, buf.position(), length).slice(), buf.position());
      buf.position(buf.position() + length);
      try {
        byte type = (byte) in.b();
        long seq = in.l();
        if (type == ABORT) {
          entries.add(new Entry(type, seq, null, List.of()));
          continue;
        }
        if (type != CALL && type != SYSTEM) {
          throw new StoreCodec.Malformed("unknown entry type " + type, at + 8);
        }
        if (seq != expected) {
          throw new StoreCodec.Malformed(
              "entry " + seq + " where entry " + expected + " was expected", at + 9);
        }
        expected++;
        String requestId = type == CALL ? in.req("request ID") : null;
        int n = in.count("change");
        List<StoreCodec.Change> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          changes.add(codec.readChange(in));
        }
        if (in.more()) {
          throw new StoreCodec.Malformed("unexpected bytes after the entry", in.offset());
        }
        entries.add(new Entry(type, seq, requestId, changes));
      } catch (StoreCodec.Malformed e) {
        throw corrupt(file, e.offset, e.getMessage());
      }
    }
    return new WalContents(entries, -1, null);
  }

  private static WalContents torn(List<Entry> entries, byte[] bytes, int at) {
    return new WalContents(entries, at, Arrays.copyOfRange(bytes, at, bytes.length));
  }

  private static boolean allZero(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static StoreException corrupt(Path file, long offset, String message) {
    return new StoreException(
        StoreException.Code.CORRUPT,
        file + " at byte " + offset + ": " + message + "; nothing was changed");
  }

  // ---------------------------------------------------------------------------------------------
  // Files.

  static String snapshotName(long seq) {
    return String.format("snapshot-%020d.kvs", seq);
  }

  static String walName(long seq) {
    return String.format("wal-%020d.kvw", seq);
  }

  private static void writeAtomically(Path dir, Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(ch, ByteBuffer.wrap(content));
      ch.force(true);
    }
    move(tmp, target);
    fsyncDirectory(dir);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically: " + to.getParent(), e);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; POSIX systems, where it matters, can.
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  private static void deleteAll(List<Path> files) throws IOException {
    for (Path p : files) {
      try {
        Files.deleteIfExists(p);
      } catch (NoSuchFileException e) {
        // already gone
      }
    }
  }

  private static void closeQuietly(FileLock lock, FileChannel channel) {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // closing below releases it too
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // nothing more to release
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (wal != null) {
        wal.close();
      }
    } finally {
      Arrays.fill(importTokenKey, (byte) 0);
      closeQuietly(lock, lockChannel);
    }
  }
}
