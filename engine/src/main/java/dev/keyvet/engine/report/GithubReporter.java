package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * GitHub Actions workflow commands, one line per finding, which GitHub shows as annotations on the
 * pull request: {@code ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE
 * name::message}. Errors and security findings are {@code error}, warnings {@code warning},
 * suggestions {@code notice}. Help and evidence follow the message on lines of their own.
 */
final class GithubReporter implements Reporter {

  @Override
  public void write(List<FileReport> files, Writer out) throws IOException {
    for (FileReport file : files) {
      for (Finding f : file.findings()) {
        out.write(command(file.file(), f));
        out.write('\n');
      }
    }
  }

  private static String command(String file, Finding f) {
    Diagnostic d = f.diagnostic();
    SourceSpan span = d.span();
    StringBuilder sb = new StringBuilder("::").append(kind(d.severity()));
    sb.append(" file=").append(property(file));
    if (!span.isUnknown()) {
      sb.append(",line=").append(span.line()).append(",col=").append(span.column());
      sb.append(",endLine=").append(span.endLine()).append(",endColumn=").append(span.endColumn());
    }
    sb.append(",title=").append(property(d.code().id() + " " + d.code().ruleName()));
    sb.append("::").append(data(d.message() + Wording.details(f)));
    return sb.toString();
  }

  private static String kind(Severity severity) {
    switch (severity) {
      case ERROR:
      case SECURITY:
        return "error";
      case WARNING:
        return "warning";
      case SUGGESTION:
        return "notice";
      default:
        throw new IllegalArgumentException(severity.label());
    }
  }

  /** A command's message: {@code %}, carriage returns and line feeds are escaped. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as {@link #data}, and {@code :} and {@code ,} as well. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
