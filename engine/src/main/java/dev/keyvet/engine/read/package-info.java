/**
 * Reading key policies: bytes straight to the policy model in one pass over Jackson's streaming
 * parser with bounded input ({@link dev.keyvet.engine.read.PolicyParser} driving {@link
 * dev.keyvet.engine.read.PolicyBuilder}, {@link dev.keyvet.engine.read.StatementBuilder} and {@link
 * dev.keyvet.engine.read.ConditionBuilder} over a {@link dev.keyvet.engine.read.TokenCursor}), and
 * the public entry point {@link dev.keyvet.engine.read.PolicyReader}. Readers collect every problem
 * as a diagnostic and never throw to callers.
 */
package dev.keyvet.engine.read;
