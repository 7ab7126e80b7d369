/**
 * The JSON Schema for KMS key policies ({@code kms-key-policy.schema.json}, shipped as a resource
 * next to this package) and {@link dev.keyvet.engine.schema.SchemaCheck}, which validates a policy
 * against it and reports violations with the policy reader's codes and positions. The schema serves
 * editors; the reader is authoritative.
 */
package dev.keyvet.engine.schema;
