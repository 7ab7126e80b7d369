package dev.keyvet.cli;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.SuiteJUnit;
import dev.keyvet.engine.scenario.Suites;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyvet test PATH...}: runs suites of expected decisions ({@code .kvt} files). */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run suites of expected decisions (.kvt files; directories are searched for them).",
      "A failing expectation prints the explanation of the actual decision.",
      "Exit status: 0 every expectation holds, 1 some fail, 2 usage or a suite with errors."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Suite files or directories.")
  List<Path> paths;

  @Option(
      names = "--junit",
      paramLabel = "DIR",
      description = "Also write one JUnit XML report per suite into DIR.")
  Path junit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> suites = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try {
          suites.addAll(Suites.find(p));
        } catch (IOException e) {
          err.println("keyvet: cannot read directory '" + p + "'");
          return Main.EXIT_USAGE;
        }
      } else if (Files.isRegularFile(p)) {
        suites.add(p);
      } else {
        err.println("keyvet: '" + p + "': no such file or directory");
        return Main.EXIT_USAGE;
      }
    }
    if (suites.isEmpty()) {
      err.println("keyvet: no .kvt suites found");
      return Main.EXIT_USAGE;
    }
    int passed = 0;
    int failed = 0;
    boolean broken = false;
    for (Path file : suites) {
      Suites.SuiteResult r = Suites.run(file, ScenarioLoader.fromDisk());
      if (junit != null && !write(junit, file, SuiteJUnit.render(r), err)) {
        return Main.EXIT_USAGE;
      }
      if (r.broken()) {
        broken = true;
        out.println("ERROR " + file);
        for (Diagnostic d : r.diagnostics()) {
          out.println("  " + d.render());
        }
        continue;
      }
      out.println((r.passed() ? "PASS " : "FAIL ") + file);
      for (Suites.CaseResult c : r.cases()) {
        if (c.passed()) {
          passed++;
          continue;
        }
        failed++;
        out.println("  " + c.location() + ": expected " + c.expected() + ", got " + c.actual());
        out.println("  expect " + c.expected() + " \"" + c.name() + "\"");
        c.explanation().lines().forEach(l -> out.println("    " + l));
      }
    }
    out.println(
        suites.size()
            + (suites.size() == 1 ? " suite, " : " suites, ")
            + passed
            + " passed, "
            + failed
            + " failed"
            + (broken ? ", some suites have errors" : ""));
    if (broken) {
      return Main.EXIT_USAGE;
    }
    return failed > 0 ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }

  private static boolean write(Path dir, Path suite, String xml, PrintWriter err) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(SuiteJUnit.fileName(suite.toString())), xml, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      err.println("keyvet: cannot write JUnit report into '" + dir + "'");
      return false;
    }
  }
}
