/** Maven goals that lint key policies and check expected access decisions. */
package dev.keyvet.maven;
