package dev.keyvet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code keyvet} command. */
@Command(
    name = "keyvet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Lint, simulate and enforce AWS KMS key policies.",
    subcommands = {
      ValidateCommand.class,
      LintCommand.class,
      EvalCommand.class,
      QueryCommands.Can.class,
      QueryCommands.WhoCan.class,
      TestCommand.class,
      AuditCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  /** Exit status: success, no findings that fail the run. */
  public static final int EXIT_OK = 0;

  /** Exit status: the input has errors (or failing findings). */
  public static final int EXIT_FINDINGS = 1;

  /** Exit status: bad usage or unreadable input. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("keyvet: internal error: " + ex);
          return EXIT_USAGE;
        });
    cmd.setParameterExceptionHandler(
        (ex, args1) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("keyvet: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_USAGE;
        });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
