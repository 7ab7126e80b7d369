package dev.keyvet.runtime.audit;

import static dev.keyvet.runtime.audit.AuditFixtures.lines;
import static dev.keyvet.runtime.audit.AuditFixtures.verify;
import static dev.keyvet.runtime.audit.AuditFixtures.writeLines;
import static dev.keyvet.runtime.audit.AuditFixtures.writeLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keyvet.runtime.audit.AuditVerifier.Finding;
import dev.keyvet.runtime.audit.AuditVerifier.Problem;
import dev.keyvet.runtime.audit.AuditVerifier.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with a real log on disk, one kind at a time. The log: events 1-4, checkpoint 5, events
 * 6-9, checkpoint 10, events 11-12, closing checkpoint 13 (one line each, line = seq).
 */
class AuditVerifierTest {
  @TempDir Path dir;
  Path file;
  List<String> lines;

  @BeforeEach
  void log() throws IOException {
    file = writeLog(dir, 10, 4);
    lines = lines(file);
    assertThat(lines).hasSize(13);
    assertThat(lines.get(4)).contains("\"record\":\"checkpoint\"", "\"reason\":\"interval\"");
    assertThat(lines.get(12)).contains("\"record\":\"checkpoint\"", "\"reason\":\"close\"");
  }

  private static List<Finding> tampering(Report r) {
    return r.findings().stream().filter(f -> f.problem().tampering()).toList();
  }

  @Test
  void untouchedLog_isIntact_andSignedToTheEnd() throws IOException {
    Report r = verify(dir);
    assertThat(r.findings()).isEmpty();
    assertThat(r.intact()).isTrue();
    assertThat(r.records()).isEqualTo(13);
    assertThat(r.checkpoints()).isEqualTo(3);
    assertThat(r.signedThrough()).isEqualTo(13);
    assertThat(r.headSequence()).isEqualTo(13);
    assertThat(r.headHash())
        .isEqualTo(
            AuditFormat.sha256Hex(
                lines.get(12).getBytes(StandardCharsets.UTF_8),
                0,
                lines.get(12).getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void editedField_isReportedAtItsLine() throws IOException {
    lines.set(1, lines.get(1).replace("\"eventName\":\"Decrypt\"", "\"eventName\":\"Encrypt\""));
    writeLines(file, lines);
    Report r = verify(dir);
    assertThat(r.intact()).isFalse();
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.EDITED, 2L));
    assertThat(r.findings().get(0).toString())
        .isEqualTo(
            "audit-0000000001.jsonl:2: EDITED: record seq 2 was altered after it was written: its"
                + " SHA-256 does not match the prev of seq 3 (audit-0000000001.jsonl:3)");
  }

  @Test
  void editedPrevField_isReportedAtThatRecord() throws IOException {
    String line = lines.get(6);
    int at = line.indexOf("\"prev\":\"") + 8;
    lines.set(
        6, line.substring(0, at) + (line.charAt(at) == 'a' ? 'b' : 'a') + line.substring(at + 1));
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.EDITED, 7L));
  }

  @Test
  void deletedLine_isReportedWhereItWas() throws IOException {
    lines.remove(2);
    writeLines(file, lines);
    Report r = verify(dir);
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.DELETED, 3L));
    assertThat(r.findings().get(0).message())
        .isEqualTo("record seq 3 is missing before this record (seq 4): deleted");
  }

  @Test
  void deletedRange_isOneFinding() throws IOException {
    lines.subList(5, 8).clear();
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line, Finding::message)
        .containsExactly(
            tuple(
                Problem.DELETED,
                6L,
                "records seq 6 to 8 are missing before this record (seq 9): deleted"));
  }

  @Test
  void swappedLines_areReportedAsReordered() throws IOException {
    String second = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, second);
    writeLines(file, lines);
    Report r = verify(dir);
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.REORDERED, 2L));
    assertThat(r.intact()).isFalse();
  }

  @Test
  void recordMovedFarBack_namesThatRecord() throws IOException {
    String moved = lines.remove(2);
    lines.add(8, moved);
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line, Finding::message)
        .containsExactly(
            tuple(
                Problem.REORDERED,
                9L,
                "record seq 3 is out of order: it comes after seq 9 (audit-0000000001.jsonl:8)"));
  }

  @Test
  void insertedCopy_isReportedAsInserted() throws IOException {
    lines.add(6, lines.get(1));
    writeLines(file, lines);
    Report r = verify(dir);
    assertThat(tampering(r))
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.INSERTED, 7L));
    assertThat(tampering(r).get(0).message()).contains("byte for byte", ":2");
  }

  @Test
  void insertedFabricatedRecord_linkedToItsPredecessor_isReportedAsInserted() throws IOException {
    String forged = lines.get(3).replace("\"requestID\":\"req-4\"", "\"requestID\":\"req-forged\"");
    lines.add(3, forged);
    writeLines(file, lines);
    Report r = verify(dir);
    // The forgery copies seq 4 and its prev (so it links to seq 3), but seq 5 links to the
    // original.
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.INSERTED, 4L));
  }

  @Test
  void truncatedInsideTheLastLine_isATornTail_notTampering() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    Report r = verify(dir);
    assertThat(r.intact()).isTrue();
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.UNSIGNED_TAIL, 11L), tuple(Problem.TORN_TAIL, 13L));
    assertThat(r.signedThrough()).isEqualTo(10);
    assertThat(r.headSequence()).isEqualTo(12);
  }

  @Test
  void truncatedAtALineBoundary_leavesAnUnsignedTail() throws IOException {
    writeLines(file, lines.subList(0, 12));
    Report r = verify(dir);
    assertThat(r.intact()).isTrue();
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line, Finding::message)
        .containsExactly(
            tuple(
                Problem.UNSIGNED_TAIL,
                11L,
                "2 record(s), seq 11 to 12, come after the last valid checkpoint and are not"
                    + " signed yet: the log is open, or was not closed cleanly; such a tail could"
                    + " be cut off unnoticed"));
  }

  @Test
  void rewrittenChainWithForgedCheckpoint_failsTheSignature() throws IOException {
    // Alter event 11, recompute the chain after it and sign the closing checkpoint with another
    // key, keeping the expected key id: the chain is consistent, the signature is not.
    lines.set(10, lines.get(10).replace("billing-11", "billing-99"));
    relink(11);
    String prefix = lines.get(12).substring(0, lines.get(12).lastIndexOf(",\"sig\":\""));
    lines.set(12, prefix + ",\"sig\":\"" + sign(AuditFixtures.OTHER_KEY, prefix) + "\"}");
    writeLines(file, lines);
    Report r = verify(dir);
    assertThat(r.findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.UNSIGNED_TAIL, 11L), tuple(Problem.BAD_SIGNATURE, 13L));
    assertThat(r.intact()).isFalse();
    assertThat(r.signedThrough()).isEqualTo(10);
  }

  @Test
  void checkpointSignedByAnotherKey_isAnUnknownKey() throws IOException {
    String cp = lines.get(12);
    String prefix =
        cp.substring(0, cp.lastIndexOf(",\"sig\":\""))
            .replace(AuditFixtures.KEY.keyId(), AuditFixtures.OTHER_KEY.keyId());
    lines.set(12, prefix + ",\"sig\":\"" + sign(AuditFixtures.OTHER_KEY, prefix) + "\"}");
    writeLines(file, lines);
    assertThat(tampering(verify(dir)))
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.UNKNOWN_KEY, 13L));
  }

  @Test
  void editedCheckpoint_failsItsSignatureAndTheChain() throws IOException {
    lines.set(4, lines.get(4).replace("\"reason\":\"interval\"", "\"reason\":\"request\""));
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.EDITED, 5L), tuple(Problem.BAD_SIGNATURE, 5L));
  }

  @Test
  void garbageLine_isMalformed() throws IOException {
    lines.set(2, "{\"record\":\"event\",\"seq\":3,");
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.MALFORMED, 3L));
  }

  @Test
  void duplicateMember_isMalformed() throws IOException {
    String line = lines.get(2);
    lines.set(2, line.substring(0, line.length() - 1) + ",\"seq\":3}");
    writeLines(file, lines);
    assertThat(verify(dir).findings())
        .extracting(Finding::problem, Finding::line)
        .containsExactly(tuple(Problem.MALFORMED, 3L));
  }

  @Test
  void missingDirectory_isAnIoError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(dir.resolve("nope")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  /** Recomputes prev of every record from {@code from} (0-based) so the chain is consistent. */
  private void relink(int from) {
    for (int i = from; i < lines.size(); i++) {
      byte[] before = lines.get(i - 1).getBytes(StandardCharsets.UTF_8);
      String hash = AuditFormat.sha256Hex(before, 0, before.length);
      lines.set(
          i, lines.get(i).replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + hash + "\""));
    }
  }

  private static String sign(CheckpointKey key, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[AuditFormat.SIGNATURE_DOMAIN.length + p.length];
    System.arraycopy(AuditFormat.SIGNATURE_DOMAIN, 0, data, 0, AuditFormat.SIGNATURE_DOMAIN.length);
    System.arraycopy(p, 0, data, AuditFormat.SIGNATURE_DOMAIN.length, p.length);
    return Base64.getEncoder().encodeToString(key.sign(data, 0, data.length));
  }
}
