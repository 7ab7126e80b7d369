/**
 * The keyvet engine: reads KMS key policies into an immutable model with exact source locations,
 * knows every KMS permission and condition key, and decides requests the way AWS does.
 */
package dev.keyvet.engine;
