/** JMH benchmarks for the engine and the runtime. */
package dev.keyvet.bench;
