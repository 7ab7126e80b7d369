package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Severity;
import java.util.Objects;

/**
 * How the caller wants a report: whether text goes to a terminal (and may use colour), which
 * severities count as failures in JUnit XML, and the version reports name.
 *
 * @param terminal true when the text report is shown on a terminal
 * @param failAt the least serious severity reported as a JUnit failure
 * @param toolVersion keyvet's version, as SARIF's {@code tool.driver.version}
 */
public record ReportOptions(boolean terminal, Severity failAt, String toolVersion) {
  /** Plain text, errors and security findings fail, the version of the running keyvet. */
  public static final ReportOptions DEFAULT =
      new ReportOptions(false, Severity.SECURITY, Reports.toolVersion());

  public ReportOptions {
    Objects.requireNonNull(failAt, "failAt");
    Objects.requireNonNull(toolVersion, "toolVersion");
  }

  public ReportOptions withTerminal(boolean newTerminal) {
    return new ReportOptions(newTerminal, failAt, toolVersion);
  }

  public ReportOptions withFailAt(Severity newFailAt) {
    return new ReportOptions(terminal, newFailAt, toolVersion);
  }

  public ReportOptions withToolVersion(String newToolVersion) {
    return new ReportOptions(terminal, failAt, newToolVersion);
  }
}
