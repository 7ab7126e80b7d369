package dev.keyvet.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.evalio.EvalCase;
import dev.keyvet.engine.evalio.EvalCaseReader;
import dev.keyvet.engine.read.PolicyReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decision tests kept as data: every line of {@code decisions/*.jsonl} is an evaluation case (the
 * {@code keyvet eval} input format) with an {@code expect} object: the decision, and optionally the
 * deciding statement(s), the missing link, the grant, or an error code. Policies given as strings
 * are files in {@code decisions/policies/}. Each case is decided by the compiled authorizer and by
 * the reference interpretation; both must meet the expectation.
 */
class DecisionCasesTest {
  private static final Path DIR = Path.of("src/test/resources/decisions");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  record Case(String file, int line, JsonNode node) {
    @Override
    public String toString() {
      return file + ":" + line + " " + node.path("id").asString();
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(DecisionCasesTest::isCaseFile).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.isEmpty() || line.startsWith("//")) {
            continue;
          }
          JsonNode node = MAPPER.readTree(line);
          out.add(Arguments.of(new Case(f.getFileName().toString(), i + 1, node)));
        }
      }
    }
    return out.stream();
  }

  /**
   * A data file of the suite. A {@code *-disputed.jsonl} file holds cases whose expectation follows
   * AWS while the evaluator still disagrees; its cases move into the suite once the evaluator is
   * fixed.
   */
  static boolean isCaseFile(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".jsonl") && !name.endsWith("-disputed.jsonl");
  }

  private static final EvalCaseReader READER =
      new EvalCaseReader(
          new PolicyReader(),
          ref -> {
            try {
              return Files.readAllBytes(DIR.resolve("policies").resolve(ref + ".json"));
            } catch (IOException e) {
              throw new IllegalArgumentException("no test policy `" + ref + "`");
            }
          });

  @Test
  void decisionData_hasAtLeastThreeHundredCases() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(300);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide_case_meetsExpectation(Case c) {
    JsonNode expect = c.node().get("expect");
    assertThat(expect).as("case has an expect object").isNotNull();
    EvalCase parsed = READER.read(c.node());
    String wanted = expect.get("decision").asString();
    if (wanted.equals("ERROR")) {
      boolean error = !parsed.usable() || !parsed.diagnostics().isEmpty();
      assertThat(error).as("%s is an error: %s", c, parsed.problems()).isTrue();
      if (expect.has("errorCode")) {
        assertThat(parsed.diagnostics())
            .anyMatch(d -> d.code().id().equals(expect.get("errorCode").asString()));
      }
      return;
    }
    assertThat(parsed.problems()).as("problems").isEmpty();
    for (boolean naive : new boolean[] {false, true}) {
      Evaluation e = new Authorizer(naive).explain(parsed.policies(), parsed.request());
      String which = naive ? "reference" : "compiled";
      assertThat(e.decision())
          .as("%s %s decision; reasons %s", c, which, describe(e))
          .hasToString(wanted);
      if (expect.has("statement")) {
        Reason.StatementMatch s = e.reason(Reason.StatementMatch.class);
        assertThat(s).as("%s deciding statement; reasons %s", which, describe(e)).isNotNull();
        assertThat(s.statement()).isEqualTo(expect.get("statement").asString());
      }
      if (expect.has("statements")) {
        List<String> labels =
            e.reasons().stream()
                .filter(Reason.StatementMatch.class::isInstance)
                .map(r -> ((Reason.StatementMatch) r).statement())
                .toList();
        List<String> want = new ArrayList<>();
        expect.get("statements").forEach(n -> want.add(n.asString()));
        assertThat(labels).as("%s statements", which).containsExactlyElementsOf(want);
      }
      if (expect.has("link")) {
        Reason.Missing m = e.reason(Reason.Missing.class);
        assertThat(m).as("%s %s missing link; reasons %s", c, which, describe(e)).isNotNull();
        assertThat(m.link())
            .as("%s %s link; reasons %s", c, which, describe(e))
            .hasToString(expect.get("link").asString());
      }
      if (expect.has("grant")) {
        Reason.GrantMatch g = e.reason(Reason.GrantMatch.class);
        assertThat(g).as("%s grant", which).isNotNull();
        assertThat(g.grant()).isEqualTo(expect.get("grant").asString());
      }
    }
  }

  private static List<String> describe(Evaluation e) {
    List<String> out = new ArrayList<>(e.reasons().stream().map(Reason::describe).toList());
    e.errors().forEach(d -> out.add(d.render()));
    return out;
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
