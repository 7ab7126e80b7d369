package dev.keyvet.runtime.audit;

import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.Reason;
import dev.keyvet.engine.model.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * keyvet's addition to the CloudTrail event: the authorization decision and what decided it.
 *
 * @param result {@code ALLOW}, {@code EXPLICIT_DENY} or {@code IMPLICIT_DENY}
 * @param statements the deciding statements (the deny for an explicit deny, the allow path for an
 *     allow); empty for an implicit deny
 * @param grants the ids of the grants that allowed the call
 * @param notes other reasons in words: an allow without a statement, what was missing for an
 *     implicit deny, or why the evaluation failed closed
 */
public record AuditDecision(
    String result, List<DecidingStatement> statements, List<String> grants, List<String> notes) {
  public AuditDecision {
    Objects.requireNonNull(result, "result");
    statements = List.copyOf(statements);
    grants = List.copyOf(grants);
    notes = List.copyOf(notes);
  }

  /**
   * One deciding statement.
   *
   * @param policyType the policy's role, e.g. {@code key policy}
   * @param policy the policy's name
   * @param sid the statement's Sid, or {@code #n} without one
   * @param effect {@code Allow} or {@code Deny}
   * @param location {@code file:line:column} of the statement, or the policy name when unknown
   */
  public record DecidingStatement(
      String policyType, String policy, String sid, String effect, String location) {}

  /** The decision and reasons of an engine evaluation. */
  public static AuditDecision of(Evaluation evaluation) {
    List<DecidingStatement> statements = new ArrayList<>();
    List<String> grants = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Reason r : evaluation.reasons()) {
      if (r instanceof Reason.StatementMatch m) {
        statements.add(
            new DecidingStatement(
                m.kind().label(),
                m.policy(),
                m.statement(),
                m.effect() == Effect.DENY ? "Deny" : "Allow",
                m.span().isUnknown() ? m.policy() : m.span().location()));
      } else if (r instanceof Reason.GrantMatch g) {
        grants.add(g.grant());
      } else if (r instanceof Reason.Inherent || r instanceof Reason.Missing) {
        notes.add(r.describe());
      }
    }
    evaluation.errors().forEach(d -> notes.add(d.message()));
    return new AuditDecision(evaluation.decision().name(), statements, grants, notes);
  }
}
