package dev.keyvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyvet can}, {@code who-can} and {@code test} end to end, on files on disk. */
class ScenarioCommandsTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void world() throws IOException {
    Files.writeString(
        dir.resolve("key.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"B decrypts via S3\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"kms:Decrypt\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
            + "{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]}");
    Files.writeString(
        dir.resolve("world.kvs"),
        """
        account 111122223333 "a" {
          key data { policy "key.json" alias "alias/data" }
        }
        account 444455556666 "b" {
          role App {
            policy { "Version": "2012-10-17",
                     "Statement": [ { "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" } ] }
          }
        }
        """);
  }

  @Test
  void can_allowed_exitsZeroWithTheDecidingStatements() {
    Run r =
        run(
            "can",
            "--scenario",
            dir.resolve("world.kvs").toString(),
            "role",
            "App",
            "Decrypt",
            "on",
            "key",
            "data",
            "via",
            "s3");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("role b/App kms:Decrypt on arn:aws:kms:us-east-1:111122223333:key/")
        .contains(": ALLOW")
        .contains("statement `B decrypts via S3`");
  }

  @Test
  void can_denied_exitsOneWithTheMissingLinkAndNearMiss() {
    Run r =
        run(
            "can",
            "--scenario",
            dir.resolve("world.kvs").toString(),
            "role App Decrypt on alias/data");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("IMPLICIT_DENY").contains("near miss:").contains("kms:ViaService");
  }

  @Test
  void can_unknownNamesOrBadSyntax_exitTwoWithLocatedErrors() {
    Run names =
        run("can", "--scenario", dir.resolve("world.kvs").toString(), "role Ap Decrypt on key dat");
    assertThat(names.exit()).isEqualTo(2);
    assertThat(names.err())
        .contains("error KV002 no role `Ap` in the scenario; did you mean `App`?")
        .contains("error KV002 no key `dat` in the scenario; did you mean `data`?");
    Run syntax =
        run("can", "--scenario", dir.resolve("world.kvs").toString(), "role App Decrypt key data");
    assertThat(syntax.exit()).isEqualTo(2);
    assertThat(syntax.err()).contains("<query>:1:22: error KV001 expected `on`, found `key`");
    Run missing =
        run("can", "--scenario", dir.resolve("nope.kvs").toString(), "account 1 x on key y");
    assertThat(missing.exit()).isEqualTo(2);
  }

  @Test
  void whoCan_listsPrincipalsAndClasses() {
    Run r =
        run(
            "who-can",
            "--scenario",
            dir.resolve("world.kvs").toString(),
            "Decrypt on key data via s3");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("  role b/App\n")
        .contains("  any principal of account 444455556666 whose IAM policies allow it\n")
        .contains("  account 111122223333 (root user)\n")
        .doesNotContain("anyone");
  }

  @Test
  void test_passingAndFailingSuites_reportAndWriteJUnit() throws IOException {
    Files.writeString(
        dir.resolve("ok.kvt"),
        """
        scenario "world.kvs"
        expect allow "B's app decrypts through S3": can role App Decrypt on key data via s3
        expect deny: can role App Decrypt on key data
        """);
    Files.writeString(
        dir.resolve("wrong.kvt"),
        """
        scenario "world.kvs"
        expect allow "B's app decrypts directly": can role App Decrypt on key data
        """);
    Path reports = dir.resolve("reports");
    Run r = run("test", "--junit", reports.toString(), dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("PASS " + dir.resolve("ok.kvt"))
        .contains("FAIL " + dir.resolve("wrong.kvt"))
        .contains("wrong.kvt:2:1: expected allow, got implicit deny")
        .contains("missing: the key policy allows neither the caller nor its account")
        .contains("2 suites, 2 passed, 1 failed");
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files).hasSize(2);
    }
    Path wrongXml;
    try (Stream<Path> files = Files.list(reports)) {
      wrongXml = files.filter(p -> p.toString().contains("wrong")).findFirst().orElseThrow();
    }
    assertThat(Files.readString(wrongXml))
        .contains("tests=\"1\" failures=\"1\"")
        .contains("name=\"B's app decrypts directly\"");
    assertThat(run("test", dir.resolve("ok.kvt").toString()).exit()).isZero();
  }

  @Test
  void test_brokenSuite_exitsTwo() throws IOException {
    Files.writeString(
        dir.resolve("broken.kvt"), "expect allow: can role Nobody Decrypt on key x\n");
    Run r = run("test", dir.resolve("broken.kvt").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("ERROR").contains("KV002");
  }
}
