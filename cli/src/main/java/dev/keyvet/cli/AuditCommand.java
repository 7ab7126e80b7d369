package dev.keyvet.cli;

import dev.keyvet.runtime.audit.AuditPaths;
import dev.keyvet.runtime.audit.AuditVerifier;
import dev.keyvet.runtime.audit.CheckpointKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyvet audit}: the local KMS's audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Work with the audit log of the local KMS.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The runtime's data directory when {@code --data} is not given. */
  static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".keyvet", "data");
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  /** {@code keyvet audit verify [--data DIR] [--public-key FILE]}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check that the audit log is complete and unaltered: every record present, in order, in",
        "its hash chain, and every checkpoint signed by the checkpoint key. Prints each problem as",
        "FILE:LINE: REASON: message.",
        "Exit status: 0 intact (an incomplete last record or records after the last checkpoint",
        "are reported, not failed), 1 tampered, 2 usage or unreadable log or key."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description =
            "The runtime's data directory; the log is in DIR/audit (default: ~/.keyvet/data).")
    Path data;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description =
            "The checkpoint key's public half (PEM). Default: DIR/audit/checkpoint-key.pub.pem;"
                + " give a copy kept outside the data directory to rule out a replaced key.")
    Path publicKey;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path dataDir = data != null ? data : defaultDataDir();
      Path logDir = AuditPaths.logDirectory(dataDir);
      Path keyFile = publicKey != null ? publicKey : AuditPaths.publicKey(dataDir);
      if (!Files.isDirectory(logDir)) {
        err.println(
            "keyvet: " + logDir + ": no audit log here (is --data the runtime's data directory?)");
        return Main.EXIT_USAGE;
      }
      PublicKey key;
      try {
        key = CheckpointKey.readPublicKey(keyFile);
      } catch (NoSuchFileException e) {
        err.println(
            "keyvet: " + keyFile + ": no checkpoint public key (give one with --public-key)");
        return Main.EXIT_USAGE;
      } catch (IOException e) {
        err.println("keyvet: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
      AuditVerifier.Report report;
      try {
        report = new AuditVerifier(key).verify(logDir);
      } catch (IOException e) {
        err.println("keyvet: cannot read the audit log in " + logDir + ": " + describe(e));
        return Main.EXIT_USAGE;
      }
      if (report.records() == 0 && report.findings().isEmpty()) {
        try (var files = Files.list(logDir)) {
          if (files.noneMatch(p -> p.getFileName().toString().endsWith(".jsonl"))) {
            err.println("keyvet: " + logDir + ": no audit log files here");
            return Main.EXIT_USAGE;
          }
        } catch (IOException e) {
          err.println("keyvet: cannot read " + logDir + ": " + describe(e));
          return Main.EXIT_USAGE;
        }
      }
      for (AuditVerifier.Finding f : report.findings()) {
        out.println(
            logDir.resolve(f.file())
                + (f.line() > 0 ? ":" + f.line() : "")
                + ": "
                + (f.problem().tampering() ? "" : "note: ")
                + f.problem()
                + ": "
                + f.message());
      }
      out.println(
          (report.intact() ? "intact" : "TAMPERED")
              + ": "
              + report.records()
              + " records, "
              + report.checkpoints()
              + " valid checkpoints (key "
              + report.keyId()
              + "), signed through seq "
              + report.signedThrough()
              + "; head seq "
              + report.headSequence()
              + " sha256 "
              + report.headHash());
      out.flush();
      return report.intact() ? Main.EXIT_OK : Main.EXIT_FINDINGS;
    }

    private static String describe(IOException e) {
      return e instanceof NoSuchFileException n
          ? n.getFile() + ": not found"
          : String.valueOf(e.getMessage());
    }
  }
}
