/**
 * The immutable policy model: what a key policy says, element by element, each element with the
 * {@link dev.keyvet.engine.diag.SourceSpan} of the text it came from. Built by {@link
 * dev.keyvet.engine.read.PolicyReader}, never mutated, and safe to share between threads.
 *
 * <p>Values that did not parse are kept (as {@link dev.keyvet.engine.model.Principal.Invalid} or
 * {@link dev.keyvet.engine.model.TypedValue.Invalid}) so that every consumer can fail closed on
 * them rather than silently dropping them.
 */
package dev.keyvet.engine.model;
