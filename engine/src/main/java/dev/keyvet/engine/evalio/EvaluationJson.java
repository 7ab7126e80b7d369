package dev.keyvet.engine.evalio;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.Reason;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders decisions as one-line JSON: {@code {"id", "decision", "reasons": [...]}}, or {@code
 * {"id", "decision": "ERROR", "problems": [...], "diagnostics": [...]}} for a case that could not
 * be evaluated. Each reason carries its {@code type} and the fields of its kind.
 */
public final class EvaluationJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private EvaluationJson() {}

  /** The output line for an evaluated case. */
  public static String render(String id, Evaluation e) {
    if (e.failedClosed()) {
      return error(id, List.of(), e.errors());
    }
    ObjectNode out = MAPPER.createObjectNode();
    out.put("id", id);
    out.put("decision", e.decision().name());
    ArrayNode reasons = out.putArray("reasons");
    for (Reason r : e.reasons()) {
      reasons.add(reason(r));
    }
    return out.toString();
  }

  /** The output line for a case that could not be evaluated. */
  public static String error(String id, List<String> problems, List<Diagnostic> diagnostics) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("id", id);
    out.put("decision", "ERROR");
    ArrayNode p = out.putArray("problems");
    problems.forEach(p::add);
    ArrayNode d = out.putArray("diagnostics");
    for (Diagnostic diag : diagnostics) {
      ObjectNode n = d.addObject();
      n.put("code", diag.code().id());
      n.put("severity", diag.severity().label());
      n.put("message", diag.message());
      span(n, diag.span());
      n.put("policy", diag.span().file());
    }
    return out.toString();
  }

  private static ObjectNode reason(Reason r) {
    ObjectNode n = MAPPER.createObjectNode();
    if (r instanceof Reason.StatementMatch s) {
      n.put("type", "statement");
      n.put("policyKind", s.kind().name());
      n.put("policy", s.policy());
      n.put("statement", s.statement());
      n.put("index", s.index());
      n.put("effect", s.effect().json());
      n.put("role", s.role());
      span(n, s.span());
    } else if (r instanceof Reason.GrantMatch g) {
      n.put("type", "grant");
      n.put("grant", g.grant());
      n.put("grantee", g.grantee());
    } else if (r instanceof Reason.Inherent) {
      n.put("type", "inherent");
    } else if (r instanceof Reason.Missing m) {
      n.put("type", "missing");
      n.put("link", m.link().name());
    } else if (r instanceof Reason.NearMiss nm) {
      n.put("type", "nearMiss");
      n.put("policyKind", nm.kind().name());
      n.put("policy", nm.policy());
      n.put("statement", nm.statement());
      n.put("element", nm.element());
      n.put("detail", nm.detail());
      span(n, nm.span());
    }
    n.put("message", r.describe());
    return n;
  }

  private static void span(ObjectNode n, SourceSpan span) {
    if (!span.isUnknown()) {
      n.put("line", span.line());
      n.put("column", span.column());
    }
    n.put("pointer", span.pointer());
  }
}
