package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.runtime.audit.AuditEvent;
import dev.keyvet.runtime.audit.AuditLog;
import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.CheckpointKey;
import dev.keyvet.runtime.audit.UserIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyvet audit verify} end to end on a log written by the runtime. */
class AuditCommandTest {
  @TempDir Path data;
  Path file;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void writeLog() throws IOException {
    CheckpointKey key =
        CheckpointKey.loadOrCreate(AuditPaths.privateKey(data), AuditPaths.publicKey(data));
    try (AuditLog log =
        AuditLog.open(AuditPaths.logDirectory(data), key, AuditLog.Options.defaults())) {
      for (int i = 1; i <= 3; i++) {
        log.append(
            AuditEvent.builder("Encrypt")
                .region("us-east-1")
                .userIdentity(UserIdentity.fromArn("arn:aws:iam::111122223333:user/Alice"))
                .requestId("req-" + i)
                .build());
      }
    }
    file = AuditPaths.logDirectory(data).resolve("audit-0000000001.jsonl");
  }

  @Test
  void intactLog_exitsZero() {
    Run r = run("audit", "verify", "--data", data.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("intact: 4 records, 1 valid checkpoints (key ");
    assertThat(r.out()).contains("signed through seq 4; head seq 4 sha256 ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void editedRecord_exitsOne_namingFileLineAndReason() throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(1, lines.get(1).replace("req-2", "req-X"));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Run r = run("audit", "verify", "--data", data.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(file + ":2: EDITED: record seq 2 was altered after it was written")
        .contains("TAMPERED: 4 records");
  }

  @Test
  void tornTail_isANoteAndExitsZero() throws IOException {
    Files.writeString(file, "{\"record\":\"ev", java.nio.file.StandardOpenOption.APPEND);
    Run r = run("audit", "verify", "--data", data.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains(file + ":5: note: TORN_TAIL: 13 bytes after");
  }

  @Test
  void missingLog_exitsTwo() {
    Run r = run("audit", "verify", "--data", data.resolve("elsewhere").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "keyvet: "
                + data.resolve("elsewhere").resolve("audit")
                + ": no audit log here (is --data the runtime's data directory?)"
                + System.lineSeparator());
  }

  @Test
  void missingOrWrongPublicKey_exitsTwoOrOne() throws IOException {
    Path absent = data.resolve("absent.pem");
    Run missing =
        run("audit", "verify", "--data", data.toString(), "--public-key", absent.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains(absent + ": no checkpoint public key");

    Path other = data.resolve("other.pub.pem");
    CheckpointKey.loadOrCreate(data.resolve("other.pem"), other);
    Run wrong = run("audit", "verify", "--data", data.toString(), "--public-key", other.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.out()).contains(":4: UNKNOWN_KEY: checkpoint seq 4 names key ");
  }
}
