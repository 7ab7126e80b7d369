package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyvet serve}: what it refuses before it starts (the server itself is tested in
 * kms-runtime and by the AWS CLI step).
 */
class ServeCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void developmentMode_refusesANonLoopbackAddress() {
    Run r = run("serve", "--host", "0.0.0.0", "--data", dir.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("loopback only").contains("--credentials");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aMalformedCredentialsFile_isNamedWithItsLine() throws IOException {
    Path creds = dir.resolve("credentials");
    Files.writeString(creds, "# keys\nAKIAEXAMPLE000000001 only-two-fields\n");
    Run r =
        run("serve", "--credentials", creds.toString(), "--data", dir.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains(creds + ":2: expected three fields");
    assertThat(r.err()).doesNotContain("only-two-fields");
  }

  @Test
  void anAuditSyncDelayOutOfRange_isAUsageError_beforeAnythingIsWritten() {
    for (String delay : new String[] {"-1", "1001"}) {
      Run r = run("serve", "--audit-sync-delay", delay, "--data", dir.resolve("data").toString());
      assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
      assertThat(r.err()).contains("--audit-sync-delay must be 0 to 1000 milliseconds");
    }
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aMissingScenario_isAUsageError() {
    Run r =
        run(
            "serve",
            "--scenario",
            dir.resolve("nope.kvs").toString(),
            "--data",
            dir.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("no such file");
  }
}
