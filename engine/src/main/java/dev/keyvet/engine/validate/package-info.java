/**
 * Validation: the reader's structural diagnostics plus the checks that need only the KMS catalogue
 * (unknown or foreign actions, action case, unknown condition keys and policy variables). This is
 * what {@code keyvet validate} reports: everything KMS would reject or that can never mean what it
 * says.
 */
package dev.keyvet.engine.validate;
