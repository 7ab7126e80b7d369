/**
 * The batch interface to the evaluator, as JSON: {@link dev.keyvet.engine.evalio.EvalCaseReader}
 * turns a case (key policy, identity policies, guardrails, grants, request) into a policy set and a
 * request, reporting every problem; {@link dev.keyvet.engine.evalio.EvaluationJson} renders a
 * decision and its reasons as data. {@code keyvet eval} and the decision tests both use it.
 */
package dev.keyvet.engine.evalio;
