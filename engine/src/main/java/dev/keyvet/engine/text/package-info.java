/** Small text helpers shared by the reader, the catalogue and the linter. */
package dev.keyvet.engine.text;
