package dev.keyvet.cli;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.scenario.Ast;
import dev.keyvet.engine.scenario.KeyvetSyntax;
import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.Simulator;
import dev.keyvet.engine.scenario.Suites;
import dev.keyvet.engine.scenario.World;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyvet can} and {@code keyvet who-can}: one question about a scenario. */
final class QueryCommands {
  private QueryCommands() {}

  /** Exit status of {@code can}: the request is not allowed. */
  static final int EXIT_DENIED = 1;

  @Command(
      name = "can",
      mixinStandardHelpOptions = true,
      description = {
        "Ask whether a principal may perform a KMS action on a key of a scenario:",
        "  keyvet can --scenario world.kvs role account-b/BackupRole Decrypt on key snapshots"
            + " via ec2",
        "Exit status: 0 allowed, 1 denied (or KMS would reject the request), 2 usage or errors."
      })
  static final class Can implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ScenarioOption world;

    @Parameters(
        arity = "1..*",
        paramLabel = "QUESTION",
        description = "PRINCIPAL ACTION on KEY [with KEY = VALUE, ...] [in REGION] [via SERVICE]")
    List<String> words;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Ast.Query q = parse("can " + String.join(" ", words), err);
      World loaded = q == null ? null : load(world.scenario, err);
      if (loaded == null) {
        return Main.EXIT_USAGE;
      }
      Simulator.Answer a = new Simulator(loaded).can(q);
      if (a.outcome() == Simulator.Outcome.ERROR && a.evaluation() == null) {
        a.problems().forEach(d -> err.println(d.render()));
        return Main.EXIT_USAGE;
      }
      out.println(Suites.explain(a));
      return switch (a.outcome()) {
        case ALLOW -> Main.EXIT_OK;
        case ERROR -> Main.EXIT_USAGE;
        default -> EXIT_DENIED;
      };
    }
  }

  @Command(
      name = "who-can",
      mixinStandardHelpOptions = true,
      description = {
        "List every principal of a scenario that may perform a KMS action on a key, and the",
        "classes 'any principal of account X' and 'anyone', each with its deciding statements:",
        "  keyvet who-can --scenario world.kvs Decrypt on key snapshots via ec2",
        "Exit status: 0 answered, 2 usage or errors."
      })
  static final class WhoCan implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ScenarioOption world;

    @Parameters(
        arity = "1..*",
        paramLabel = "QUESTION",
        description = "ACTION on KEY [with KEY = VALUE, ...] [in REGION] [via SERVICE]")
    List<String> words;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Ast.Query q = parse("who can " + String.join(" ", words), err);
      World loaded = q == null ? null : load(world.scenario, err);
      if (loaded == null) {
        return Main.EXIT_USAGE;
      }
      Simulator.WhoCan answer = new Simulator(loaded).whoCan(q);
      if (!answer.problems().isEmpty()) {
        answer.problems().forEach(d -> err.println(d.render()));
        return Main.EXIT_USAGE;
      }
      out.println("who can " + answer.action() + " on " + answer.key() + ":");
      if (answer.entries().isEmpty()) {
        out.println("  no one");
      }
      for (Simulator.Entry e : answer.entries()) {
        out.println("  " + e.who());
        for (String s : e.statements()) {
          out.println("      " + s);
        }
      }
      return Main.EXIT_OK;
    }
  }

  /** The {@code --scenario FILE} option both questions take. */
  static final class ScenarioOption {
    @Option(
        names = "--scenario",
        required = true,
        paramLabel = "FILE",
        description = "The scenario (.kvs) or suite (.kvt) file describing the world.")
    Path scenario;
  }

  /** The question, or null after printing its syntax errors. */
  static Ast.Query parse(String text, PrintWriter err) {
    KeyvetSyntax.Parsed<Ast.Query> parsed = KeyvetSyntax.parseQuery(text);
    if (!parsed.ok()) {
      for (Diagnostic d : parsed.diagnostics()) {
        err.println(d.render());
        err.println("  " + text);
        err.println("  " + " ".repeat(Math.max(0, d.span().column() - 1)) + "^");
      }
      return null;
    }
    return parsed.value();
  }

  /** The world of a scenario or suite file, or null after printing why it cannot be used. */
  static World load(Path file, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println("keyvet: '" + file + "': no such file");
      return null;
    }
    boolean suite = file.getFileName().toString().endsWith(".kvt");
    World world = ScenarioLoader.fromDisk().load(file, suite).world();
    if (world.hasErrors()) {
      world.diagnostics().forEach(d -> err.println(d.render()));
      return null;
    }
    return world;
  }
}
