package dev.keyvet.engine.report;

import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintSession;
import java.util.List;
import java.util.Objects;

/**
 * What a report says about one file.
 *
 * @param file the file's name as given (reports print it as is; SARIF uses it as a relative URI)
 * @param source the file's text, for excerpts under findings, or null when not at hand
 * @param result the linter's findings for the file
 */
public record FileReport(String file, String source, LintResult result) {
  public FileReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(result, "result");
  }

  /** The report of {@code result}, named as the linter named it. */
  public static FileReport of(LintResult result, String source) {
    return new FileReport(result.file(), source, result);
  }

  /** The reports of a lint session's files: the reported findings with each file's text. */
  public static List<FileReport> of(LintSession.Result session) {
    return session.files().stream()
        .map(f -> new FileReport(f.name(), f.source(), f.reported()))
        .toList();
  }

  /** The findings, sorted by position. */
  public List<Finding> findings() {
    return result.findings();
  }
}
