/**
 * The linter: one {@link dev.keyvet.engine.lint.Rule} per check of the catalogue, each with its
 * metadata, run by {@link dev.keyvet.engine.lint.Linter} over a read policy. Rules that need
 * semantics ask the evaluator through {@link dev.keyvet.engine.lint.LintContext}; none
 * re-implements policy semantics.
 */
package dev.keyvet.engine.lint;
