/**
 * The rules, one final class each, named after the check. {@link
 * dev.keyvet.engine.lint.rules.RuleCatalog} lists them in code order.
 */
package dev.keyvet.engine.lint.rules;
