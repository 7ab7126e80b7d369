/** A compact local KMS whose every call the engine authorizes. */
package dev.keyvet.runtime;
