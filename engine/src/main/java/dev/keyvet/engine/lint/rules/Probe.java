package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.Decision;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.Reason;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.List;

/**
 * One question to the evaluator and its answer: may {@code caller} perform {@code action} on this
 * key under this key policy (the caller's own account assumed to allow), and which key-policy
 * statement decided.
 *
 * @param caller who asked
 * @param action the bare action name, e.g. {@code CreateGrant}
 * @param evaluation the evaluator's answer
 * @param statement the deciding key-policy statement (the allow for an allow, the deny for an
 *     explicit deny), or null
 */
record Probe(String caller, String action, Evaluation evaluation, Statement statement) {

  /**
   * True when the evaluator can answer questions about this file: a policy object (not a bare
   * statement list) whose errors leave its meaning intact.
   */
  static boolean usable(LintContext ctx) {
    return ctx.policy() != null
        && !ctx.policy().fragment()
        && ctx.compiledKeyPolicy().errors().isEmpty();
  }

  /**
   * Asks about {@code action} (bare name) for {@code subject}, in request context {@code context}.
   */
  static Probe ask(LintContext ctx, Subject subject, String action, RequestContext context) {
    RequestContext.Builder b = context.toBuilder();
    for (RequestContext.Entry e : subject.identity().entries()) {
      if (e.list()) {
        b.put(e.key(), e.values());
      } else {
        b.put(e.key(), e.values().get(0));
      }
    }
    return ask(ctx, subject.caller(), action, b.build());
  }

  /**
   * Asks about {@code action} (bare name) for {@code caller}, in request context {@code context}.
   */
  static Probe ask(LintContext ctx, String caller, String action, RequestContext context) {
    Evaluation e;
    try {
      e = ctx.decide(caller, Actions.qualified(action), context);
    } catch (IllegalArgumentException ex) {
      return new Probe(caller, action, null, null);
    }
    Effect wanted = e.decision() == Decision.EXPLICIT_DENY ? Effect.DENY : Effect.ALLOW;
    Statement deciding = null;
    if (e.decision() != Decision.IMPLICIT_DENY) {
      List<Statement> statements = ctx.policy().statements();
      for (Reason r : e.reasons()) {
        if (r instanceof Reason.StatementMatch m
            && m.kind() == PolicyKind.KEY_POLICY
            && m.effect() == wanted
            && m.index() < statements.size()) {
          deciding = statements.get(m.index());
          break;
        }
      }
    }
    return new Probe(caller, action, e, deciding);
  }

  boolean allowed() {
    return evaluation != null && evaluation.allowed();
  }

  boolean explicitlyDenied() {
    return evaluation != null && evaluation.decision() == Decision.EXPLICIT_DENY;
  }

  /** True when the request is refused because the action never works across accounts. */
  boolean notCrossAccount() {
    Reason.Missing m = evaluation == null ? null : evaluation.reason(Reason.Missing.class);
    return m != null && m.link() == Reason.Link.NOT_CROSS_ACCOUNT;
  }

  /** True when allowed by statement {@code s} itself. */
  boolean allowedBy(Statement s) {
    return allowed() && statement != null && statement.index() == s.index();
  }

  /** True when explicitly denied by statement {@code s}. */
  boolean deniedBy(Statement s) {
    return explicitlyDenied() && statement != null && statement.index() == s.index();
  }

  /**
   * True when allowed by a statement that names the subject's principal (or {@code *}) directly,
   * rather than through a delegation to its account.
   */
  boolean allowedDirectly(Subject subject) {
    if (!allowed() || statement == null || statement.principal() == null) {
      return false;
    }
    if (subject.isAccountRoot()) {
      return true;
    }
    String wanted = Subject.key(subject.principal());
    for (Principal p : statement.principal().principals()) {
      if (p instanceof Principal.Any || Subject.key(p).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** The evidence for a finding: who, doing what, decided by which statement. */
  Finding.Evidence evidence() {
    return new Finding.Evidence(
        caller, Actions.qualified(action), statement == null ? "" : statement.label());
  }

  /**
   * True when a principal of an Allow statement is an unrendered template placeholder: once
   * rendered it may name anyone, so conclusions about who can manage the key would be guesses.
   */
  static boolean unresolvedPrincipals(LintContext ctx) {
    boolean placeholders = false;
    for (Diagnostic d : ctx.read().diagnostics()) {
      placeholders |= d.code() == Code.KP015;
    }
    if (!placeholders) {
      return false;
    }
    for (Statement s : ctx.policy().statements()) {
      if (s.effect() != Effect.ALLOW || s.principal() == null) {
        continue;
      }
      String pointer = s.principal().span().pointer();
      for (Diagnostic d : ctx.read().diagnostics()) {
        if (d.code() == Code.KP015 && d.span().pointer().startsWith(pointer)) {
          return true;
        }
      }
    }
    return false;
  }
}
