package dev.keyvet.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.scenario.Simulator.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar's examples folder: every file and query parses and loads without a diagnostic. */
class LanguageExamplesTest {
  static final Path DIR = Path.of("src/test/resources/language/examples");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s
          .filter(p -> p.toString().endsWith(".kvs") || p.toString().endsWith(".kvt"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Stream<String> queries() throws IOException {
    return Files.readAllLines(DIR.resolve("queries.txt"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void exampleFile_loadsWithoutDiagnostics(Path file) {
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.fromDisk().load(file, file.toString().endsWith(".kvt"));
    assertThat(loaded.world().diagnostics()).isEmpty();
    assertThat(loaded.world().accounts()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void exampleQuery_parsesAndIsAnswered(String text) {
    KeyvetSyntax.Parsed<Ast.Query> q = KeyvetSyntax.parseQuery(text);
    assertThat(q.diagnostics()).isEmpty();
    World world = ScenarioLoader.fromDisk().load(DIR.resolve("organization.kvs"), false).world();
    Simulator sim = new Simulator(world);
    if (q.value().kind() == Ast.QueryKind.CAN) {
      Simulator.Answer a = sim.can(q.value());
      assertThat(a.problems()).isEmpty();
      assertThat(a.outcome()).isNotEqualTo(Outcome.ERROR);
    } else {
      assertThat(sim.whoCan(q.value()).problems()).isEmpty();
    }
  }

  @Test
  void organizationSuite_everyExpectationHolds() {
    Suites.SuiteResult r = Suites.run(DIR.resolve("organization.kvt"), ScenarioLoader.fromDisk());
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.cases()).hasSize(15);
    for (Suites.CaseResult c : r.cases()) {
      assertThat(c.passed()).as("%s: %s", c.name(), c.explanation()).isTrue();
    }
  }

  @Test
  void query_keepsTypedLiteralsAndLists() {
    Ast.Query q =
        KeyvetSyntax.parseQuery(
                "can role App Decrypt on key k with aws:CurrentTime = 2026-11-29T10:00:00Z,"
                    + " aws:SourceIp = 10.0.0.0/8, kms:GrantOperations = [Decrypt, \"Encrypt\"],"
                    + " aws:MultiFactorAuthPresent = true, n = 30")
            .value();
    assertThat(q).isNull();
    Ast.Query ok =
        KeyvetSyntax.parseQuery(
                "can role App Decrypt on key k with aws:CurrentTime = 2026-11-29T10:00:00Z,"
                    + " aws:SourceIp = 10.0.0.0/8, kms:GrantOperations = [Decrypt, \"Encrypt\"],"
                    + " aws:MultiFactorAuthPresent = true")
            .value();
    List<Ast.ContextEntry> c = ok.context();
    assertThat(c)
        .extracting(e -> e.key().value())
        .containsExactly(
            "aws:CurrentTime", "aws:SourceIp", "kms:GrantOperations", "aws:MultiFactorAuthPresent");
    assertThat(c.get(0).values().get(0).kind()).isEqualTo(Ast.LiteralKind.DATE);
    assertThat(c.get(1).values().get(0).kind()).isEqualTo(Ast.LiteralKind.IP);
    assertThat(c.get(2).list()).isTrue();
    assertThat(c.get(2).values())
        .extracting(Ast.Literal::text)
        .containsExactly("Decrypt", "Encrypt");
    assertThat(c.get(3).values().get(0).kind()).isEqualTo(Ast.LiteralKind.BOOLEAN);
  }

  @Test
  void whoCan_listsPrincipalsClassesAndTheirStatements() {
    World world = ScenarioLoader.fromDisk().load(DIR.resolve("organization.kvs"), false).world();
    Simulator.WhoCan w =
        new Simulator(world)
            .whoCan(
                KeyvetSyntax.parseQuery(
                        "who can Decrypt on key team-key with"
                            + " kms:EncryptionContext:purpose = \"test\"")
                    .value());
    assertThat(w.problems()).isEmpty();
    List<String> who = w.entries().stream().map(Simulator.Entry::who).toList();
    assertThat(who)
        .contains(
            "role workloads/App",
            "role workloads/SecurityAdmin",
            "user workloads/Alice",
            "account 111122223333 (root user)",
            "any principal of account 444455556666 whose IAM policies allow it")
        .doesNotContain("role outsider/Reader")
        .noneMatch(s -> s.startsWith("anyone"));
    Simulator.Entry partner =
        w.entries().stream()
            .filter(e -> e.who().startsWith("any principal of account 444455556666"))
            .findFirst()
            .orElseThrow();
    assertThat(partner.statements())
        .singleElement()
        .asString()
        .contains("Partner decrypts within the organization")
        .contains("team-key.json:12:5");
    Simulator.Entry alice =
        w.entries().stream()
            .filter(e -> e.who().equals("user workloads/Alice"))
            .findFirst()
            .orElseThrow();
    assertThat(alice.statements()).containsExactly("grant `app-decrypt`");
  }

  @Test
  void whoCan_reportsAnyoneForAPublicKey() {
    String text =
        "account 111122223333 { key open { policy { \"Version\": \"2012-10-17\", \"Statement\": [ {"
            + " \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:Decrypt\","
            + " \"Resource\": \"*\" } ] } } }";
    World world =
        new ScenarioLoader(p -> new byte[0]).load(Path.of("open.kvs"), text, false).world();
    assertThat(world.diagnostics()).extracting(Diagnostic::isError).doesNotContain(true);
    Simulator.WhoCan w =
        new Simulator(world).whoCan(KeyvetSyntax.parseQuery("who can Decrypt on key open").value());
    assertThat(w.entries()).extracting(Simulator.Entry::kind).contains("anyone");
  }
}
