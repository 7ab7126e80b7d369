/**
 * The rules, one final class each, named after the check. {@link
 * dev.keyvet.engine.lint.rules.RuleCatalog} lists them in code order.
 *
 * <p>Rules that depend on who can do what ask the evaluator through {@code Probe}: concrete callers
 * ({@code Subject}: the principals a statement names, or stand-ins for {@code *} that meet its
 * identity conditions), concrete actions, and a request context that meets the statement's other
 * conditions ({@code Witness}). A finding names the deciding statement as its evidence.
 */
package dev.keyvet.engine.lint.rules;
