/**
 * Diagnostics: what keyvet says about a policy. Every diagnostic has a stable code from {@link
 * dev.keyvet.engine.diag.Code}, a severity, a one-line message, optional help, and the exact source
 * span it concerns.
 */
package dev.keyvet.engine.diag;
