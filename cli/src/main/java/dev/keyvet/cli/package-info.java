/**
 * The {@code keyvet} command. Each subcommand parses its arguments, calls the engine, and renders
 * the result; none decides access itself.
 */
package dev.keyvet.cli;
