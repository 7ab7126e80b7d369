package dev.keyvet.runtime.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks an audit log written by {@link AuditLog}: every line a record, sequence numbers complete
 * and in order, every record's {@code prev} the SHA-256 of its predecessor's exact bytes, every
 * checkpoint signed by the expected key. Each problem is a {@link Finding} with the file, the line
 * and a stable {@link Problem}; the verifier never stops at the first one.
 *
 * <p>What a hash chain with checkpoints cannot show: records after the last valid checkpoint can be
 * cut off, or the last of them altered, without a trace in the log itself. The report says how far
 * the log is signed ({@link Report#signedThrough()}) and gives its head (sequence and hash), which
 * can be kept elsewhere and compared later.
 */
public final class AuditVerifier {

  /** What a finding is about. The names are stable: scripts may match them. */
  public enum Problem {
    /** A line that is not a record of this format. */
    MALFORMED(true),
    /** A record whose bytes changed after it was written. */
    EDITED(true),
    /** Records missing from the sequence. */
    DELETED(true),
    /** A record that is not part of the chain, repeating another's sequence number. */
    INSERTED(true),
    /** A record out of sequence order. */
    REORDERED(true),
    /** A checkpoint whose signature does not verify: forged or altered. */
    BAD_SIGNATURE(true),
    /** A checkpoint signed by another key than the expected one. */
    UNKNOWN_KEY(true),
    /** A log file that should be there and is not. */
    MISSING_FILE(true),
    /**
     * An incomplete last line: a record being written when the process stopped, never acknowledged.
     * Not tampering; the writer cuts it off (keeping a copy) when it next opens the log.
     */
    TORN_TAIL(false),
    /** Records after the last valid checkpoint, which no signature covers yet. Not tampering. */
    UNSIGNED_TAIL(false);

    private final boolean tampering;

    Problem(boolean tampering) {
      this.tampering = tampering;
    }

    /** True when this problem means the log was altered. */
    public boolean tampering() {
      return tampering;
    }
  }

  /**
   * One problem.
   *
   * @param problem what
   * @param file the log file's name
   * @param line the 1-based line, or 0 for the file as a whole
   * @param message what was found, for people
   */
  public record Finding(Problem problem, String file, long line, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + problem + ": " + message;
    }
  }

  /**
   * The result of a verification.
   *
   * @param findings the problems, in file and line order
   * @param records the records read
   * @param checkpoints the checkpoints whose signature verified
   * @param signedThrough the highest sequence number a valid checkpoint covers (0 for none)
   * @param headSequence the highest sequence number in the log (0 when empty)
   * @param headHash the SHA-256 of that record, or the genesis value when empty
   * @param keyId the id of the key checkpoints were verified with
   */
  public record Report(
      List<Finding> findings,
      long records,
      long checkpoints,
      long signedThrough,
      long headSequence,
      String headHash,
      String keyId) {
    public Report {
      findings = List.copyOf(findings);
    }

    /** True when no finding means tampering (torn and unsigned tails are allowed). */
    public boolean intact() {
      return findings.stream().noneMatch(f -> f.problem().tampering());
    }
  }

  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d{1,18})[,}]");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> TYPES =
      Set.of(AuditFormat.EVENT, AuditFormat.CHECKPOINT, AuditFormat.RECOVERY);

  private final PublicKey key;
  private final String keyId;

  /** A verifier that accepts checkpoints signed by this Ed25519 public key only. */
  public AuditVerifier(PublicKey checkpointKey) {
    this.key = Objects.requireNonNull(checkpointKey, "checkpointKey");
    this.keyId = CheckpointKey.keyId(checkpointKey);
  }

  /** One line of the log, as far as it could be read. */
  private static final class Entry {
    String file;
    int fileOrder;
    long line;
    long seq = -1;
    String prev;
    String hash;
    String type;
    String checkpointReason;
    boolean malformed;
    boolean signatureValid;
    boolean lastInFile;
    byte[] raw;

    String where() {
      return file + ":" + line;
    }
  }

  /**
   * Verifies the log in a directory.
   *
   * @throws NoSuchFileException when the directory does not exist
   * @throws IOException when a file cannot be read
   */
  public Report verify(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no audit log directory");
    }
    List<Finding> findings = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    List<Path> files = AuditFormat.logFiles(dir);
    long expectedIndex = 1;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      String name = file.getFileName().toString();
      long index = AuditFormat.fileIndex(name);
      if (index != expectedIndex) {
        findings.add(
            new Finding(
                Problem.MISSING_FILE,
                name,
                0,
                (index - expectedIndex == 1
                        ? AuditFormat.fileName(expectedIndex) + " is missing"
                        : AuditFormat.fileName(expectedIndex)
                            + " to "
                            + AuditFormat.fileName(index - 1)
                            + " are missing")
                    + ": the log's files are numbered without gaps"));
      }
      expectedIndex = index + 1;
      read(file, name, f, f == files.size() - 1, entries, findings);
    }
    Entry last = null;
    for (Entry e : entries) {
      if (!e.malformed) {
        last = e;
      }
    }
    if (last != null
        && AuditFormat.CHECKPOINT.equals(last.type)
        && AuditFormat.ON_ROTATE.equals(last.checkpointReason)
        && last.lastInFile) {
      findings.add(
          new Finding(
              Problem.MISSING_FILE,
              last.file,
              last.line,
              "this checkpoint closed the file to continue the log in "
                  + AuditFormat.fileName(AuditFormat.fileIndex(last.file) + 1)
                  + ", which is missing"));
    }
    Report report = analyse(entries, findings);
    return report;
  }

  private void read(
      Path file, String name, int order, boolean lastFile, List<Entry> entries, List<Finding> out)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int length = bytes.length;
    int tornAfterZero = 0;
    if (lastFile) {
      // After a power loss a file may hold pages that were never written, which read as zeros.
      // Records hold no zero byte, so the records end at the last newline before the first one;
      // non-zero bytes after it are a tail torn by the crash.
      int zero = indexOf(bytes, (byte) 0, 0);
      if (zero >= 0) {
        int lineStart = zero;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
          lineStart--;
        }
        for (int i = lineStart; i < bytes.length; i++) {
          if (bytes[i] != 0) {
            tornAfterZero++;
          }
        }
        length = lineStart;
      }
    }
    MessageDigest sha = AuditFormat.sha256();
    int start = 0;
    long line = 1;
    Entry previous = null;
    while (start < length) {
      int nl = indexOf(bytes, (byte) '\n', start);
      if (nl < 0 || nl >= length) {
        int n = length - start;
        if (lastFile) {
          out.add(
              new Finding(
                  Problem.TORN_TAIL,
                  name,
                  line,
                  n
                      + " bytes after the last complete record are an incomplete record: a write"
                      + " interrupted by a crash, never acknowledged"));
        } else {
          out.add(
              new Finding(
                  Problem.MALFORMED,
                  name,
                  line,
                  "the file ends inside a record, but the log continues in a later file"));
        }
        break;
      }
      Entry e = new Entry();
      e.file = name;
      e.fileOrder = order;
      e.line = line;
      sha.update(bytes, start, nl - start);
      e.hash = AuditFormat.hex(sha.digest());
      e.raw = java.util.Arrays.copyOfRange(bytes, start, nl);
      parse(e, out);
      entries.add(e);
      previous = e;
      start = nl + 1;
      line++;
    }
    if (tornAfterZero > 0) {
      out.add(
          new Finding(
              Problem.TORN_TAIL,
              name,
              line,
              tornAfterZero
                  + " bytes after the last complete record are an incomplete record: a write"
                  + " interrupted by a crash, never acknowledged"));
    }
    if (previous != null) {
      previous.lastInFile = true;
    }
  }

  private void parse(Entry e, List<Finding> out) {
    String problem = null;
    try {
      JsonNode n = e.raw.length == 0 ? null : AuditFormat.READER.readTree(e.raw);
      if (n == null || !n.isObject()) {
        problem = "not a JSON object";
      } else {
        JsonNode type = n.get("record");
        JsonNode seq = n.get("seq");
        JsonNode prev = n.get("prev");
        if (type == null || !type.isString() || !TYPES.contains(type.asString())) {
          problem = "no valid \"record\" member (event, checkpoint or recovery)";
        } else if (seq == null || !seq.isIntegralNumber() || seq.asLong() < 1) {
          problem = "no valid \"seq\" member";
        } else if (prev == null || !prev.isString() || !HASH.matcher(prev.asString()).matches()) {
          problem = "no valid \"prev\" member (64 hex digits)";
        } else {
          e.type = type.asString();
          e.seq = seq.asLong();
          e.prev = prev.asString();
          if (e.type.equals(AuditFormat.CHECKPOINT)) {
            JsonNode reason = n.get("reason");
            e.checkpointReason = reason != null && reason.isString() ? reason.asString() : null;
            checkSignature(e, n, out);
          }
        }
      }
    } catch (JacksonException ex) {
      problem = "not valid JSON";
    }
    if (problem != null) {
      e.malformed = true;
      Matcher m = SEQ.matcher(new String(e.raw, StandardCharsets.UTF_8));
      if (m.find()) {
        e.seq = Long.parseLong(m.group(1));
      }
      out.add(new Finding(Problem.MALFORMED, e.file, e.line, "not an audit record: " + problem));
    }
    e.raw = null;
  }

  private void checkSignature(Entry e, JsonNode n, List<Finding> out) {
    String text = new String(e.raw, StandardCharsets.UTF_8);
    Matcher tail = AuditFormat.SIG_TAIL.matcher(text);
    JsonNode id = n.get("keyId");
    if (!tail.find()) {
      out.add(
          new Finding(
              Problem.BAD_SIGNATURE,
              e.file,
              e.line,
              "checkpoint seq " + e.seq + " does not end with its signature member"));
      return;
    }
    if (id == null || !id.isString() || !id.asString().equals(keyId)) {
      out.add(
          new Finding(
              Problem.UNKNOWN_KEY,
              e.file,
              e.line,
              "checkpoint seq "
                  + e.seq
                  + " names key "
                  + (id == null ? "(none)" : id.asString())
                  + ", but the expected checkpoint key is "
                  + keyId));
      return;
    }
    int cut = tail.start();
    byte[] prefix = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[AuditFormat.SIGNATURE_DOMAIN.length + prefix.length];
    System.arraycopy(
        AuditFormat.SIGNATURE_DOMAIN, 0, signed, 0, AuditFormat.SIGNATURE_DOMAIN.length);
    System.arraycopy(prefix, 0, signed, AuditFormat.SIGNATURE_DOMAIN.length, prefix.length);
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(tail.group(1));
    } catch (IllegalArgumentException badBase64) {
      sig = new byte[0];
    }
    if (CheckpointKey.verify(key, signed, sig)) {
      e.signatureValid = true;
    } else {
      out.add(
          new Finding(
              Problem.BAD_SIGNATURE,
              e.file,
              e.line,
              "the signature of checkpoint seq "
                  + e.seq
                  + " does not verify: the checkpoint was forged or altered"));
    }
  }

  private Report analyse(List<Entry> entries, List<Finding> findings) {
    Map<Long, List<Entry>> bySeq = new HashMap<>();
    for (Entry e : entries) {
      if (e.seq >= 1) {
        bySeq.computeIfAbsent(e.seq, k -> new ArrayList<>()).add(e);
      }
    }
    // Duplicated sequence numbers: the record the chain goes through is genuine, others inserted.
    Map<Long, Entry> genuine = new HashMap<>();
    for (Map.Entry<Long, List<Entry>> me : bySeq.entrySet()) {
      List<Entry> candidates = me.getValue();
      Entry chosen = candidates.get(0);
      if (candidates.size() > 1) {
        chosen = pickGenuine(candidates, bySeq.get(me.getKey() + 1), bySeq.get(me.getKey() - 1));
        for (Entry c : candidates) {
          if (c != chosen) {
            findings.add(
                new Finding(
                    Problem.INSERTED,
                    c.file,
                    c.line,
                    "this record repeats sequence number "
                        + c.seq
                        + " of "
                        + chosen.where()
                        + (Objects.equals(c.hash, chosen.hash)
                            ? " byte for byte: a copy was inserted"
                            : ", which is the one the chain goes through: it was inserted")));
          }
        }
      }
      genuine.put(me.getKey(), chosen);
    }
    List<Entry> ordered = new ArrayList<>();
    for (Entry e : entries) {
      if (e.seq >= 1 && genuine.get(e.seq) == e) {
        ordered.add(e);
      }
    }
    // Order: a record smaller than the one before it was moved.
    for (int i = 1; i < ordered.size(); i++) {
      Entry a = ordered.get(i - 1);
      Entry b = ordered.get(i);
      if (b.seq < a.seq) {
        // In a swap either could be named; otherwise the one that does not follow its neighbour.
        boolean aInPlace = i >= 2 ? ordered.get(i - 2).seq + 1 == a.seq : a.seq == 1;
        Entry moved = aInPlace ? b : a;
        findings.add(
            new Finding(
                Problem.REORDERED,
                moved.file,
                moved.line,
                "record seq "
                    + moved.seq
                    + " is out of order: it comes "
                    + (moved == b
                        ? "after seq " + a.seq + " (" + a.where() + ")"
                        : "before seq " + b.seq + " (" + b.where() + ")")));
      }
    }
    // Gaps: sequence numbers that are nowhere.
    long max = bySeq.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    TreeSet<Long> present = new TreeSet<>(bySeq.keySet());
    long s = 1;
    while (s <= max) {
      if (present.contains(s)) {
        s++;
        continue;
      }
      long from = s;
      long to = present.ceiling(s) - 1;
      Entry after = genuine.get(to + 1);
      findings.add(
          new Finding(
              Problem.DELETED,
              after.file,
              after.line,
              (from == to
                      ? "record seq " + from + " is"
                      : "records seq " + from + " to " + to + " are")
                  + " missing before this record (seq "
                  + (to + 1)
                  + "): deleted"));
      s = to + 1;
    }
    // Chain: each record's prev is its predecessor's hash, by sequence number.
    Set<Long> breaks = new TreeSet<>();
    for (Entry e : genuine.values()) {
      if (e.malformed) {
        continue;
      }
      if (e.seq == 1) {
        if (!e.prev.equals(AuditFormat.GENESIS)) {
          breaks.add(1L);
        }
        continue;
      }
      Entry p = genuine.get(e.seq - 1);
      if (p != null && !p.malformed && !MessageDigest.isEqual(bytes(e.prev), bytes(p.hash))) {
        breaks.add(e.seq);
      }
    }
    Set<Long> consumed = new HashSet<>();
    for (long b : breaks) {
      if (consumed.contains(b)) {
        continue;
      }
      Entry edited;
      if (b == 1 || breaks.contains(b + 1)) {
        edited = genuine.get(b);
        consumed.add(b + 1);
      } else {
        edited = genuine.get(b - 1);
      }
      Entry next = genuine.get(edited.seq + 1);
      findings.add(
          new Finding(
              Problem.EDITED,
              edited.file,
              edited.line,
              "record seq "
                  + edited.seq
                  + " was altered after it was written: "
                  + (next == null
                      ? "its prev does not match the record before it"
                      : "its SHA-256 does not match the prev of seq "
                          + next.seq
                          + " ("
                          + next.where()
                          + ")")));
    }
    // Signatures and the unsigned tail.
    long signedThrough = 0;
    long checkpoints = 0;
    for (Entry e : genuine.values()) {
      if (e.signatureValid) {
        checkpoints++;
        signedThrough = Math.max(signedThrough, e.seq);
      }
    }
    if (max > signedThrough) {
      Entry first = genuine.get(signedThrough + 1);
      if (first == null) {
        first = genuine.get(max);
      }
      findings.add(
          new Finding(
              Problem.UNSIGNED_TAIL,
              first.file,
              first.line,
              (max - signedThrough)
                  + " record(s), seq "
                  + (signedThrough + 1)
                  + " to "
                  + max
                  + ", come after the last valid checkpoint and are not signed yet: the log is"
                  + " open, or was not closed cleanly; such a tail could be cut off unnoticed"));
    }
    findings.sort(
        Comparator.comparing((Finding f) -> AuditFormat.fileIndex(f.file()))
            .thenComparingLong(Finding::line)
            .thenComparing(f -> f.problem().ordinal()));
    Entry head = genuine.get(max);
    return new Report(
        findings,
        entries.size(),
        checkpoints,
        signedThrough,
        max,
        head == null ? AuditFormat.GENESIS : head.hash,
        keyId);
  }

  private static Entry pickGenuine(List<Entry> candidates, List<Entry> next, List<Entry> before) {
    if (next != null) {
      for (Entry c : candidates) {
        for (Entry n : next) {
          if (c.hash.equals(n.prev)) {
            return c;
          }
        }
      }
    }
    if (before != null) {
      for (Entry c : candidates) {
        for (Entry b : before) {
          if (b.hash.equals(c.prev)) {
            return c;
          }
        }
      }
    }
    return candidates.get(0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] b, byte v, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
