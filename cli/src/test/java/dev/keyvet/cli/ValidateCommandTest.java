package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyvet validate} end to end on real files. */
class ValidateCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static final String GOOD =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
          + " {\"AWS\": \"111122223333\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]\n}\n";

  @Test
  void validate_cleanPolicy_exitsZeroWithSummary() throws IOException {
    Path p = write("good.json", GOOD);
    Run r = run("validate", p.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("1 file checked: 0 errors, 0 other diagnostics\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validate_brokenPolicy_exitsOneWithLocatedDiagnostic() throws IOException {
    Path p = write("bad.json", GOOD.replace("\"Resource\": \"*\"}", "\"Resource\": \"*\",}"));
    Run r = run("validate", p.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith(p + ":3:").contains(": error KP001 trailing comma before `}`");
  }

  @Test
  void validate_directory_readsEveryJsonFileInOrder() throws IOException {
    write("a/one.json", GOOD);
    write("b/two.json", GOOD.replace("Allow", "allow"));
    write("b/notes.txt", "not a policy");
    Run r = run("validate", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines()).hasSize(2);
    assertThat(r.out())
        .contains("two.json:3:")
        .contains("KP007")
        .endsWith("2 files checked: 1 error, 0 other diagnostics\n");
  }

  @Test
  void validate_warningsOnly_exitsZero() throws IOException {
    Path p = write("nov.json", GOOD.replace("\"Version\": \"2012-10-17\",", ""));
    Run r = run("validate", p.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("warning KP005");
    assertThat(run("validate", "--quiet", p.toString()).out()).doesNotContain("KP005");
  }

  @Test
  void validate_missingPath_exitsTwo() {
    Run r = run("validate", dir.resolve("nope.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such file or directory").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void validate_noArguments_isAUsageError() {
    Run r = run("validate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter").contains("keyvet validate --help");
  }

  @Test
  void unknownCommand_isAUsageError() {
    assertThat(run("frobnicate").exit()).isEqualTo(2);
  }

  @Test
  void version_printsTheVersion() {
    Run r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("keyvet ");
  }
}
