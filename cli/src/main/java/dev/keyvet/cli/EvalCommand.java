package dev.keyvet.cli;

import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.Explanations;
import dev.keyvet.engine.evalio.EvalCase;
import dev.keyvet.engine.evalio.EvalCaseReader;
import dev.keyvet.engine.evalio.EvaluationJson;
import dev.keyvet.engine.evalio.PolicySource;
import dev.keyvet.engine.read.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/** {@code keyvet eval [FILE|-]}: decide evaluation cases given as JSON, one result line each. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Decide KMS requests: read one JSON case, or JSON lines (one case per line), and print one",
      "JSON line per case: {\"id\", \"decision\", \"reasons\"}, or \"decision\": \"ERROR\" with the",
      "problems for invalid input. Policies may be given inline or as file paths, resolved",
      "relative to the input file. See the README for the case format.",
      "Exit status: 0 every case decided, 1 some case was an ERROR, 2 usage or unreadable input."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(
      names = "--text",
      description = "Print each decision and its reasons for people instead of JSON.")
  boolean textFormat;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "The cases; `-` or nothing reads standard input.")
  String file;

  /** Where standard input comes from; tests replace it. */
  static InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    Path base;
    try {
      if (file == null || file.equals("-")) {
        text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        base = Path.of("");
      } else {
        Path p = Path.of(file);
        text = new String(PolicyFiles.read(p), StandardCharsets.UTF_8);
        base = p.toAbsolutePath().getParent();
      }
    } catch (IOException | PolicyFiles.UnreadableException e) {
      err.println("keyvet: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    EvalCaseReader reader = new EvalCaseReader(new PolicyReader(), files(base));
    Authorizer authorizer = new Authorizer();
    boolean anyError = false;
    for (Input input : inputs(text)) {
      String line;
      if (input.problem() != null) {
        line =
            textFormat
                ? Explanations.error(input.id(), List.of(input.problem()), List.of())
                : EvaluationJson.error(input.id(), List.of(input.problem()), List.of());
        anyError = true;
      } else {
        EvalCase c = reader.read(input.node());
        if (!c.usable()) {
          line =
              textFormat
                  ? Explanations.error(c.id(), c.problems(), c.diagnostics())
                  : EvaluationJson.error(c.id(), c.problems(), c.diagnostics());
          anyError = true;
        } else {
          Evaluation e = authorizer.explain(c.policies(), c.request());
          anyError |= e.failedClosed();
          line = textFormat ? Explanations.render(c.id(), e) : EvaluationJson.render(c.id(), e);
        }
      }
      out.println(line);
    }
    out.flush();
    return anyError ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }

  /** One input case: its tree, or why it could not be parsed. */
  private record Input(String id, JsonNode node, String problem) {}

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The cases: the whole text as a sequence of JSON values, or else line by line. */
  private static List<Input> inputs(String text) {
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      return it.readAll().stream().map(n -> new Input("", n, null)).toList();
    } catch (JacksonException whole) {
      List<String> lines = text.lines().toList();
      java.util.ArrayList<Input> out = new java.util.ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i).strip();
        if (l.isEmpty()) {
          continue;
        }
        try {
          out.add(new Input("", MAPPER.readTree(l), null));
        } catch (JacksonException e) {
          out.add(new Input("line " + (i + 1), null, "line " + (i + 1) + " is not valid JSON"));
        }
      }
      return out;
    }
  }

  private static PolicySource files(Path base) {
    return reference -> {
      Path p = base.resolve(reference);
      try {
        return Files.readAllBytes(p);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read policy file '" + p + "'");
      }
    };
  }
}
