package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * keyvet's own JSON report, version 1: {@code {"version", "files": [{"file", "findings"}],
 * "summary"}}. Absent values are {@code null}, never left out, so every finding has the same
 * members. The shape is documented in {@code docs/report-formats.md}; it only grows compatibly
 * while {@code version} stays 1.
 */
final class JsonReporter implements Reporter {
  /** The version of the shape, bumped on any incompatible change. */
  static final int VERSION = 1;

  @Override
  public void write(List<FileReport> files, Writer out) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", VERSION);
    ArrayNode array = root.putArray("files");
    for (FileReport file : files) {
      ObjectNode node = array.addObject();
      node.put("file", file.file());
      ArrayNode findings = node.putArray("findings");
      for (Finding f : file.findings()) {
        findings.add(finding(f));
      }
    }
    Summary s = Summary.of(files);
    ObjectNode summary = root.putObject("summary");
    summary.put("files", s.files());
    summary.put("findings", s.findings());
    summary.put("errors", s.errors());
    summary.put("security", s.security());
    summary.put("warnings", s.warnings());
    summary.put("suggestions", s.suggestions());
    Json.write(root, out);
  }

  private static ObjectNode finding(Finding f) {
    Diagnostic d = f.diagnostic();
    SourceSpan span = d.span();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("code", d.code().id());
    n.put("name", d.code().ruleName());
    n.put("severity", d.severity().label());
    n.put("message", d.message());
    n.put("help", d.help().isEmpty() ? null : d.help());
    n.put("statement", f.statement().isEmpty() ? null : f.statement());
    boolean known = !span.isUnknown();
    n.put("line", known ? span.line() : null);
    n.put("column", known ? span.column() : null);
    n.put("endLine", known ? span.endLine() : null);
    n.put("endColumn", known ? span.endColumn() : null);
    n.put("pointer", span.pointer());
    if (f.evidence() == null) {
      n.putNull("evidence");
    } else {
      ObjectNode e = n.putObject("evidence");
      e.put("principal", f.evidence().principal());
      e.put("action", f.evidence().action());
      String by = f.evidence().decidingStatement();
      e.put("statement", by == null || by.isEmpty() ? null : by);
    }
    return n;
  }
}
