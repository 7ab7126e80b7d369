/**
 * Evaluation: AWS's decision for a KMS request, with the reasons. {@link
 * dev.keyvet.engine.eval.Authorizer} implements the KMS authorization algorithm (key policy as the
 * gate, delegation to identity policies, grants, guardrails, explicit deny) over policies compiled
 * once by {@link dev.keyvet.engine.eval.CompiledPolicy}; {@link dev.keyvet.engine.eval.NaivePolicy}
 * is the obviously-correct reference the compiled form is tested against. Nothing here reads the
 * clock or the environment: time, source IP and every other key come in the {@link
 * dev.keyvet.engine.eval.RequestContext}.
 */
package dev.keyvet.engine.eval;
