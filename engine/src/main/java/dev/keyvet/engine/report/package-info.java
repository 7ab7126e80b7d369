/**
 * Reports of lint results for people and machines: plain text for terminals, a documented JSON
 * shape, SARIF 2.1.0 for code scanning, JUnit XML for CI test views and GitHub Actions workflow
 * commands. Reporters write to a {@link java.io.Writer} and never print; {@link
 * dev.keyvet.engine.report.Reports#forFormat(String)} picks one by name. The formats are documented
 * in {@code docs/report-formats.md}.
 */
package dev.keyvet.engine.report;
