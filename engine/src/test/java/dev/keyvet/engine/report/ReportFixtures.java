package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.Linter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Files to report on: a broken policy linted for real (KP001), findings built by hand on an open
 * policy (with and without span, help and evidence), and a clean file.
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static final String BROKEN =
      "{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\",}\n ]\n}\n";

  static final String OPEN =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "OpenToAll",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "kms:*",
            "Resource": "*"
          }
        ]
      }
      """;

  /** {@code policies/broken.json}, linted with every rule: one KP001. */
  static FileReport broken() {
    byte[] bytes = BROKEN.getBytes(StandardCharsets.UTF_8);
    LintResult r = Linter.standard().lint("policies/broken.json", bytes, LintConfig.DEFAULT);
    return FileReport.of(r, BROKEN);
  }

  /** A security finding with help and evidence. */
  static Finding publicPrincipal() {
    SourceSpan span = new SourceSpan("open.json", 7, 20, 7, 22, "/Statement/0/Principal");
    Diagnostic d =
        Diagnostic.of(Code.KP201, span, "`*` can use the key from any account")
            .withHelp("name the accounts or add an `aws:PrincipalOrgID` condition");
    return new Finding(d, "OpenToAll", new Finding.Evidence("*", "kms:Decrypt", "OpenToAll"));
  }

  /** A warning whose span covers more than one line. */
  static Finding wideAction() {
    SourceSpan span = new SourceSpan("open.json", 4, 5, 10, 5, "/Statement/0");
    return Finding.of(
        Diagnostic.of(Code.KP214, span, "`kms:*` allowed to identities"), "OpenToAll");
  }

  /** A suggestion without a position, about the whole document. */
  static Finding noPosition() {
    return Finding.of(
        Diagnostic.of(Code.KP306, SourceSpan.NONE, "statement has no `Sid`")
            .withSeverity(Severity.SUGGESTION),
        "");
  }

  static FileReport open() {
    LintResult r =
        new LintResult("open.json", List.of(wideAction(), publicPrincipal(), noPosition()));
    return FileReport.of(r, OPEN);
  }

  static FileReport clean() {
    return new FileReport("clean.json", null, new LintResult("clean.json", List.of()));
  }

  static List<FileReport> all() {
    return List.of(broken(), open(), clean());
  }
}
