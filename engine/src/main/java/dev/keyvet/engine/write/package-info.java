/** Writing the policy model back to JSON, in the shape AWS accepts. */
package dev.keyvet.engine.write;
