package dev.keyvet.cli;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.validate.PolicyValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyvet validate PATH...}: is each file a well-formed key policy? */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check that key policy files are well-formed: JSON syntax, structure, element names,",
      "principals, resources, condition operators and values.",
      "Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Policy files, or directories searched for *.json.")
  List<Path> paths;

  @Option(names = "--quiet", description = "Print errors only.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files;
    try {
      files = PolicyFiles.expand(paths);
    } catch (PolicyFiles.UnreadableException e) {
      err.println("keyvet: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    PolicyValidator validator = new PolicyValidator();
    int errors = 0;
    int warnings = 0;
    boolean unreadable = false;
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = PolicyFiles.read(file);
      } catch (PolicyFiles.UnreadableException e) {
        err.println("keyvet: " + e.getMessage());
        unreadable = true;
        continue;
      }
      ReadResult result = validator.validate(file.toString(), bytes);
      for (Diagnostic d : result.diagnostics()) {
        if (d.isError()) {
          errors++;
        } else {
          warnings++;
        }
        if (d.isError() || !quiet) {
          out.println(d.render());
        }
      }
    }
    out.printf(
        "%d %s checked: %d %s, %d other %s%n",
        files.size(),
        files.size() == 1 ? "file" : "files",
        errors,
        errors == 1 ? "error" : "errors",
        warnings,
        warnings == 1 ? "diagnostic" : "diagnostics");
    if (unreadable) {
      return Main.EXIT_USAGE;
    }
    return errors > 0 ? Main.EXIT_FINDINGS : Main.EXIT_OK;
  }
}
