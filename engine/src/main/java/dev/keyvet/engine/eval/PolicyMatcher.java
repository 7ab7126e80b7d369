package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;

/**
 * A policy the authorizer can ask which statements apply to a request. Two implementations exist:
 * {@link CompiledPolicy} for speed and {@link NaivePolicy} as the reference; they must agree.
 */
interface PolicyMatcher {
  /** The policy as read. */
  PolicyDocument document();

  /** Reports every statement that applies to {@code r}, in document order. */
  void applicable(EvalRequest r, MatchSink sink);

  /** Receives the statements that apply. */
  interface MatchSink {
    void accept(int statement, Effect effect, PrincipalMatch match);
  }
}
