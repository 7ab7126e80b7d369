/**
 * Reading key policies: bytes to a located JSON tree ({@link
 * dev.keyvet.engine.read.JsonTreeReader}, on Jackson's streaming parser with bounded input), the
 * tree to the policy model ({@link dev.keyvet.engine.read.PolicyBuilder}), and the public entry
 * point {@link dev.keyvet.engine.read.PolicyReader}. Readers collect every problem as a diagnostic
 * and never throw to callers.
 */
package dev.keyvet.engine.read;
