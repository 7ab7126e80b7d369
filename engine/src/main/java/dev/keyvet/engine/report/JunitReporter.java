package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.text.Xml;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, Azure DevOps, CircleCI): {@code <testsuites>}
 * with one {@code <testsuite>} per file and one {@code <testcase>} per finding. Findings at least
 * as serious as {@code failAt} carry a {@code <failure type="CODE" message="...">}; others pass,
 * with their text in {@code <system-out>}. A file without findings gets one passing test case, so
 * that every file checked shows up.
 */
final class JunitReporter implements Reporter {
  private final Severity failAt;

  JunitReporter(Severity failAt) {
    this.failAt = failAt;
  }

  @Override
  public void write(List<FileReport> files, Writer out) throws IOException {
    int tests = 0;
    int failures = 0;
    for (FileReport file : files) {
      tests += Math.max(1, file.findings().size());
      failures += failures(file);
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"keyvet\"" + counts(tests, failures) + ">\n");
    for (FileReport file : files) {
      String name = Xml.attribute(file.file());
      int n = Math.max(1, file.findings().size());
      out.write("  <testsuite name=\"" + name + "\"" + counts(n, failures(file)) + ">\n");
      if (file.findings().isEmpty()) {
        out.write("    <testcase classname=\"" + name + "\" name=\"keyvet lint\"/>\n");
      }
      for (Finding f : file.findings()) {
        testcase(file, f, out);
      }
      out.write("  </testsuite>\n");
    }
    out.write("</testsuites>\n");
  }

  private void testcase(FileReport file, Finding f, Writer out) throws IOException {
    Diagnostic d = f.diagnostic();
    SourceSpan span = d.span();
    String name = d.code().id() + " " + d.code().ruleName();
    if (!span.isUnknown()) {
      name += " at " + span.line() + ":" + span.column();
    }
    out.write("    <testcase classname=\"" + Xml.attribute(file.file()) + "\"");
    out.write(" name=\"" + Xml.attribute(name) + "\">\n");
    String body = Xml.text(Wording.headline(file.file(), d) + Wording.details(f));
    if (fails(f)) {
      out.write("      <failure type=\"" + d.code().id() + "\"");
      out.write(" message=\"" + Xml.attribute(d.message()) + "\">" + body + "</failure>\n");
    } else {
      out.write("      <system-out>" + body + "</system-out>\n");
    }
    out.write("    </testcase>\n");
  }

  private boolean fails(Finding f) {
    return f.diagnostic().severity().atLeast(failAt);
  }

  private int failures(FileReport file) {
    return (int) file.findings().stream().filter(this::fails).count();
  }

  private static String counts(int tests, int failures) {
    return " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\"";
  }
}
