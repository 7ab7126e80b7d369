package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.lint.rules.RuleCatalog;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF's {@code tool.driver.rules}: a descriptor for every rule of the catalogue and for every
 * other code the results use, in code order, so that each result can name its rule by index.
 */
final class SarifRules {
  /** GitHub code scanning ranks security alerts by this score: 7.0 to 8.9 is "high". */
  static final String SECURITY_SEVERITY = "8.0";

  private final List<Code> codes;

  SarifRules(List<FileReport> files) {
    Set<Code> set = EnumSet.noneOf(Code.class);
    for (Rule r : RuleCatalog.rules()) {
      set.add(r.metadata().code());
    }
    for (FileReport file : files) {
      for (Finding f : file.findings()) {
        set.add(f.diagnostic().code());
      }
    }
    this.codes = List.copyOf(set);
  }

  /** The position of {@code code}'s descriptor. */
  int index(Code code) {
    return codes.indexOf(code);
  }

  ArrayNode descriptors() {
    ArrayNode rules = Json.MAPPER.createArrayNode();
    for (Code code : codes) {
      ObjectNode r = rules.addObject();
      r.put("id", code.id());
      r.put("name", code.ruleName());
      RuleMetadata m = RuleCatalog.rule(code).map(Rule::metadata).orElse(null);
      r.putObject("shortDescription").put("text", m == null ? code.ruleName() : m.title());
      if (m != null) {
        r.putObject("fullDescription").put("text", m.description());
        ObjectNode help = r.putObject("help");
        help.put("text", m.description() + "\n\n" + m.rationale() + "\n\nSee " + m.awsDoc());
        help.put("markdown", markdown(m));
        r.put("helpUri", m.awsDoc());
      }
      r.putObject("defaultConfiguration").put("level", level(code.defaultSeverity()));
      if (code.defaultSeverity() == Severity.SECURITY) {
        ObjectNode p = r.putObject("properties");
        p.putArray("tags").add("security");
        p.put("security-severity", SECURITY_SEVERITY);
      }
    }
    return rules;
  }

  private static String markdown(RuleMetadata m) {
    return m.description()
        + "\n\n"
        + m.rationale()
        + "\n\nFlagged:\n\n```json\n"
        + m.bad()
        + "\n```\n\nFixed:\n\n```json\n"
        + m.good()
        + "\n```\n\n[AWS documentation]("
        + m.awsDoc()
        + ")";
  }

  /** SARIF's level for a severity: security findings are errors, suggestions notes. */
  static String level(Severity severity) {
    switch (severity) {
      case ERROR:
      case SECURITY:
        return "error";
      case WARNING:
        return "warning";
      case SUGGESTION:
        return "note";
      default:
        throw new IllegalArgumentException(severity.label());
    }
  }
}
