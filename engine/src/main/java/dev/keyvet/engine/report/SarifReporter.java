package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.Fingerprint;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0, one run, for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers). Regions use
 * SARIF's conventions: 1-based lines and UTF-16 columns, {@code endColumn} just past the last
 * character. Each result carries a fingerprint that survives reformatting, and the statement and
 * evidence under {@code properties}.
 */
final class SarifReporter implements Reporter {
  /** The key under {@code partialFingerprints}; the suffix changes if the recipe does. */
  static final String FINGERPRINT_KEY = "keyvetFingerprint/v1";

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private final String version;

  SarifReporter(String version) {
    this.version = version;
  }

  @Override
  public void write(List<FileReport> files, Writer out) throws IOException {
    SarifRules rules = new SarifRules(files);
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "keyvet");
    driver.put("version", version);
    driver.put("informationUri", Reports.HOME);
    driver.set("rules", rules.descriptors());
    run.put("columnKind", "utf16CodeUnits");
    ArrayNode results = run.putArray("results");
    for (FileReport file : files) {
      for (Finding f : file.findings()) {
        results.add(result(file, f, rules));
      }
    }
    Json.write(root, out);
  }

  private static ObjectNode result(FileReport file, Finding f, SarifRules rules) {
    Diagnostic d = f.diagnostic();
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("ruleId", d.code().id());
    r.put("ruleIndex", rules.index(d.code()));
    r.put("level", SarifRules.level(d.severity()));
    r.putObject("message").put("text", d.message());
    ObjectNode location = r.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", Uris.of(file.file()));
    SourceSpan span = d.span();
    if (!span.isUnknown()) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", span.line());
      region.put("startColumn", Math.max(1, span.column()));
      region.put("endLine", Math.max(span.line(), span.endLine()));
      region.put("endColumn", Math.max(1, span.endColumn()) + 1);
    }
    if (!span.pointer().isEmpty()) {
      location.putArray("logicalLocations").addObject().put("fullyQualifiedName", span.pointer());
    }
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, Fingerprint.of(f));
    ObjectNode properties = Json.MAPPER.createObjectNode();
    if (!f.statement().isEmpty()) {
      properties.put("statement", f.statement());
    }
    if (f.evidence() != null) {
      ObjectNode e = properties.putObject("evidence");
      e.put("principal", f.evidence().principal());
      e.put("action", f.evidence().action());
      e.put("statement", f.evidence().decidingStatement());
    }
    if (!properties.isEmpty()) {
      r.set("properties", properties);
    }
    return r;
  }
}
