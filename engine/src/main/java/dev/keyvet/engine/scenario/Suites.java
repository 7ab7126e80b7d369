package dev.keyvet.engine.scenario;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.Explanations;
import dev.keyvet.engine.scenario.Simulator.Answer;
import dev.keyvet.engine.scenario.Simulator.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs suites: a {@code .kvt} file names or declares a scenario and lists expectations ({@code
 * expect allow|deny|implicit deny|explicit deny [NAME] can ...}); each is asked of the simulator
 * and passes when the outcome matches. A failing expectation carries the explanation of the actual
 * decision.
 */
public final class Suites {
  private Suites() {}

  /**
   * The result of one expectation.
   *
   * @param name its name
   * @param expected what it expected, in words
   * @param actual what happened, in words
   * @param passed whether it held
   * @param explanation the decision and its reasons, for people
   * @param location where the expectation is written ({@code file:line:col})
   */
  public record CaseResult(
      String name,
      String expected,
      String actual,
      boolean passed,
      String explanation,
      String location) {}

  /**
   * The result of one suite file.
   *
   * @param file the suite file
   * @param diagnostics problems loading it (errors mean no expectation ran)
   * @param cases one result per expectation, in order
   */
  public record SuiteResult(String file, List<Diagnostic> diagnostics, List<CaseResult> cases) {
    public SuiteResult {
      diagnostics = List.copyOf(diagnostics);
      cases = List.copyOf(cases);
    }

    /** True when the suite loaded and every expectation held. */
    public boolean passed() {
      return !broken() && cases.stream().allMatch(CaseResult::passed);
    }

    /** True when loading found errors. */
    public boolean broken() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long failures() {
      return cases.stream().filter(c -> !c.passed()).count();
    }
  }

  /** The suites ({@code *.kvt}) under {@code dir}, in a stable order; none when it is no folder. */
  public static List<Path> find(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".kvt") && java.nio.file.Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Loads and runs the suite in {@code file}. */
  public static SuiteResult run(Path file, ScenarioLoader loader) {
    ScenarioLoader.Loaded loaded = loader.load(file, true);
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.world().diagnostics());
    if (loaded.expectations().isEmpty() && !loaded.world().hasErrors()) {
      diagnostics.add(
          Diagnostic.of(
              Code.KV006,
              new dev.keyvet.engine.diag.SourceSpan(file.toString(), 1, 1, 1, 1, ""),
              "a suite needs at least one `expect`"));
    }
    for (Ast.Expectation x : loaded.expectations()) {
      if (x.query().kind() != Ast.QueryKind.CAN) {
        diagnostics.add(
            Diagnostic.of(
                Code.KV006,
                x.query().span(),
                "an expectation asks a `can` question; `who can` lists principals and has no"
                    + " single outcome"));
      }
    }
    Simulator simulator = new Simulator(loaded.world());
    for (Ast.Expectation x : loaded.expectations()) {
      diagnostics.addAll(simulator.problems(x.query()));
    }
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      diagnostics.sort(null);
      return new SuiteResult(file.toString(), diagnostics, List.of());
    }
    List<CaseResult> cases = new ArrayList<>();
    for (Ast.Expectation x : loaded.expectations()) {
      Answer a = simulator.can(x.query());
      boolean passed = matches(x.outcome(), a.outcome());
      cases.add(
          new CaseResult(
              x.name(),
              x.outcome().words(),
              words(a.outcome()),
              passed,
              explain(a),
              x.span().location()));
    }
    return new SuiteResult(file.toString(), diagnostics, cases);
  }

  /** True when {@code actual} is what {@code expected} asks for. */
  static boolean matches(Ast.Outcome expected, Outcome actual) {
    return switch (expected) {
      case ALLOW -> actual == Outcome.ALLOW;
      case DENY -> actual == Outcome.IMPLICIT_DENY || actual == Outcome.EXPLICIT_DENY;
      case IMPLICIT_DENY -> actual == Outcome.IMPLICIT_DENY;
      case EXPLICIT_DENY -> actual == Outcome.EXPLICIT_DENY;
      case FAILS -> actual == Outcome.FAILS;
    };
  }

  /** The outcome in the words of a suite. */
  public static String words(Outcome o) {
    return switch (o) {
      case ALLOW -> "allow";
      case EXPLICIT_DENY -> "explicit deny";
      case IMPLICIT_DENY -> "implicit deny";
      case FAILS -> "fails (KMS rejects the request)";
      case ERROR -> "error";
    };
  }

  /** The answer for people: the decision and its reasons, or why KMS rejects, or the errors. */
  public static String explain(Answer a) {
    String head = a.principal() + " " + a.action() + " on " + a.key();
    if (a.outcome() == Outcome.FAILS) {
      return head + ": FAILS" + System.lineSeparator() + "  " + a.failure();
    }
    if (a.outcome() == Outcome.ERROR) {
      StringBuilder sb = new StringBuilder(head).append(": ERROR (nothing is allowed)");
      for (Diagnostic d : a.problems()) {
        sb.append(System.lineSeparator()).append("  ").append(d.render());
      }
      return sb.toString();
    }
    return Explanations.render(head, a.evaluation());
  }
}
