package dev.keyvet.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suites of {@code policies-examples/src/test/kms}: every one passes, and altering a policy
 * they rely on makes them fail with a readable explanation.
 */
class ExampleSuitesTest {
  static Path examples() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("policies-examples/src/test/kms");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("policies-examples/src/test/kms not found");
  }

  static Stream<Path> suites() throws IOException {
    try (Stream<Path> walk = Files.walk(examples())) {
      return walk.filter(p -> p.toString().endsWith(".kvt")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void exampleSuite_passes(Path suite) {
    Suites.SuiteResult r = Suites.run(suite, ScenarioLoader.fromDisk());
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.cases()).isNotEmpty();
    for (Suites.CaseResult c : r.cases()) {
      assertThat(c.passed()).as("%s\n%s", c.name(), c.explanation()).isTrue();
    }
  }

  @Test
  void crossAccountSuite_failsReadably_whenTheViaServiceConditionIsDropped() {
    Path suite = examples().resolve("cross-account-decrypt/sharing.kvt");
    ScenarioLoader loader =
        new ScenarioLoader(
            p -> {
              byte[] bytes = Files.readAllBytes(p);
              if (!p.getFileName().toString().equals("key-policy-account-a.json")) {
                return bytes;
              }
              String policy = new String(bytes, StandardCharsets.UTF_8);
              String altered =
                  policy.replace(
                      ",\n      \"Condition\": {\"StringLike\": {\"kms:ViaService\":"
                          + " \"ec2.*.amazonaws.com\"}}",
                      "");
              assertThat(altered).as("the alteration applies").isNotEqualTo(policy);
              return altered.getBytes(StandardCharsets.UTF_8);
            });
    Suites.SuiteResult r = Suites.run(suite, loader);
    assertThat(r.passed()).isFalse();
    List<Suites.CaseResult> failed = r.cases().stream().filter(c -> !c.passed()).toList();
    assertThat(failed)
        .extracting(Suites.CaseResult::name)
        .containsExactly("B cannot decrypt outside EBS");
    Suites.CaseResult f = failed.get(0);
    assertThat(f.expected()).isEqualTo("deny");
    assertThat(f.actual()).isEqualTo("allow");
    assertThat(f.location()).endsWith("sharing.kvt:16:1");
    assertThat(f.explanation())
        .contains(": ALLOW")
        .contains("statement `Allow account B to read snapshots encrypted under this key`")
        .contains("key-policy-account-a.json:12:5");
    assertThat(SuiteJUnit.render(r))
        .contains("failures=\"1\"")
        .contains("<failure message=\"expected deny, got allow\">");
  }
}
