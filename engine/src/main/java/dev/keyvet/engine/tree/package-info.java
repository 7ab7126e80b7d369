/**
 * Small documents (the KMS catalogue, {@code keyvet.yaml}) read into Jackson trees with the
 * streaming parser alone: building an {@code ObjectMapper} costs more start-up time than linting a
 * handful of policies, and a build runs keyvet in a fresh class loader every time.
 */
package dev.keyvet.engine.tree;
