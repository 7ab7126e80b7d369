/**
 * The runtime's audit log: one CloudTrail-shaped record per KMS call, allowed or denied, in an
 * append-only, hash-chained JSON-lines file with Ed25519-signed checkpoints.
 *
 * <p>{@link dev.keyvet.runtime.audit.AuditLog} writes (group commit: a call returns only once its
 * record is on disk), {@link dev.keyvet.runtime.audit.AuditVerifier} checks a log, {@link
 * dev.keyvet.runtime.audit.CheckpointKey} holds the signing key. The format is described in the
 * module's README, section "Audit log".
 */
package dev.keyvet.runtime.audit;
