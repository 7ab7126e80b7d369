package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The report for people. Each finding is {@code file:line:col: severity CODE message}, then the
 * source line with carets under the span (when the source is at hand), {@code help:} and {@code
 * evidence:} lines when there are any, and a blank line; a summary line ends the report. ANSI
 * colour only when the caller says the output is a terminal.
 */
final class TextReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private final boolean colour;

  TextReporter(boolean terminal) {
    this.colour = terminal;
  }

  @Override
  public void write(List<FileReport> files, Writer out) throws IOException {
    for (FileReport file : files) {
      LineMap lines = file.source() == null ? null : LineMap.of(file.source());
      for (Finding f : file.findings()) {
        writeFinding(file, lines, f, out);
      }
    }
    out.write(Summary.of(files).line());
    out.write('\n');
  }

  private void writeFinding(FileReport file, LineMap lines, Finding f, Writer out)
      throws IOException {
    Diagnostic d = f.diagnostic();
    SourceSpan span = d.span();
    String location = Wording.location(file.file(), span);
    String tint = tint(d.severity());
    out.write(location + ": " + paint(d.severity().label(), tint) + " ");
    out.write(paint(d.code().id(), BOLD) + " " + d.message() + "\n");
    Excerpt excerpt = lines == null ? null : Excerpt.of(file.source(), lines, span);
    if (excerpt != null) {
      String number = String.valueOf(span.line());
      String gutter = " ".repeat(number.length());
      out.write("  " + number + " | " + excerpt.line() + "\n");
      out.write("  " + gutter + " | " + excerpt.indent() + paint(excerpt.carets(), tint) + "\n");
    }
    if (!d.help().isEmpty()) {
      out.write("  help: " + d.help() + "\n");
    }
    if (f.evidence() != null) {
      out.write("  evidence: " + Wording.evidence(f.evidence()) + "\n");
    }
    out.write('\n');
  }

  private static String tint(Severity severity) {
    switch (severity) {
      case ERROR:
      case SECURITY:
        return "\u001b[31m";
      case WARNING:
        return "\u001b[33m";
      case SUGGESTION:
        return "\u001b[36m";
      default:
        throw new IllegalArgumentException(severity.label());
    }
  }

  private String paint(String text, String ansi) {
    return colour ? ansi + text + RESET : text;
  }
}
