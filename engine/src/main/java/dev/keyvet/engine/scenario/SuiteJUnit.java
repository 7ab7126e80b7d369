package dev.keyvet.engine.scenario;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.text.Xml;

/**
 * Suite results as JUnit XML, one {@code <testsuite>} per suite file and one {@code <testcase>} per
 * expectation, so that CI servers show them like any other tests. A suite that could not be loaded
 * is one test case with an {@code <error>} listing the problems.
 */
public final class SuiteJUnit {
  private SuiteJUnit() {}

  /** The report's file name for the suite named {@code suite}: {@code TEST-keyvet-NAME.xml}. */
  public static String fileName(String suite) {
    return "TEST-keyvet-" + suite.replaceAll("[^A-Za-z0-9_.-]", "_") + ".xml";
  }

  /** The report for {@code result}. */
  public static String render(Suites.SuiteResult result) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    String suite = escape(result.file());
    if (result.broken()) {
      sb.append("<testsuite name=\"")
          .append(suite)
          .append("\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n");
      StringBuilder problems = new StringBuilder();
      for (Diagnostic d : result.diagnostics()) {
        problems.append(d.render()).append('\n');
      }
      sb.append("  <testcase classname=\"")
          .append(suite)
          .append("\" name=\"load\">\n")
          .append("    <error message=\"the suite has errors\">")
          .append(text(problems.toString()))
          .append("</error>\n  </testcase>\n</testsuite>\n");
      return sb.toString();
    }
    sb.append("<testsuite name=\"")
        .append(suite)
        .append("\" tests=\"")
        .append(result.cases().size())
        .append("\" failures=\"")
        .append(result.failures())
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (Suites.CaseResult c : result.cases()) {
      sb.append("  <testcase classname=\"")
          .append(suite)
          .append("\" name=\"")
          .append(escape(c.name()))
          .append("\"");
      if (c.passed()) {
        sb.append("/>\n");
        continue;
      }
      sb.append(">\n    <failure message=\"")
          .append(escape("expected " + c.expected() + ", got " + c.actual()))
          .append("\">")
          .append(text(c.location() + "\n" + c.explanation()))
          .append("</failure>\n  </testcase>\n");
    }
    return sb.append("</testsuite>\n").toString();
  }

  private static String escape(String s) {
    return Xml.attribute(s);
  }

  private static String text(String s) {
    return Xml.text(s);
  }
}
