package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A string that may hold policy variables ({@code ${aws:username}}), split into literal text and
 * variables. Under a policy version without variables every template is one literal part.
 *
 * @param text the value exactly as written
 * @param parts the literal runs and variables in order; escapes such as {@code ${*}} are already
 *     literal text here
 * @param span where it was written
 */
public record Template(String text, List<Part> parts, SourceSpan span) {

  public Template {
    Objects.requireNonNull(text, "text");
    parts = List.copyOf(parts);
    Objects.requireNonNull(span, "span");
  }

  /** A template that is all literal text. */
  public static Template literal(String text, SourceSpan span) {
    return new Template(text, text.isEmpty() ? List.of() : List.of(new Literal(text)), span);
  }

  /** True when at least one part is a variable. */
  public boolean hasVariables() {
    for (Part p : parts) {
      if (p instanceof Variable) {
        return true;
      }
    }
    return false;
  }

  /** The literal value when there are no variables; otherwise null. */
  public String literalValue() {
    if (hasVariables()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        sb.append(l.text());
      } else if (p instanceof Escaped e) {
        sb.append(e.character());
      }
    }
    return sb.toString();
  }

  /** A run of a template. */
  public sealed interface Part {}

  /** Literal text. In {@code *Like} operators its {@code *} and {@code ?} are wildcards. */
  public record Literal(String text) implements Part {}

  /**
   * A policy variable.
   *
   * @param key the condition key it reads, as written (matched case-insensitively)
   * @param defaultValue the value to use when the key is absent, or null
   */
  public record Variable(String key, String defaultValue) implements Part {}

  /**
   * Literal text that came from an escape ({@code ${*}}, {@code ${?}}, {@code ${$}}): matched as
   * the character itself, never as a wildcard.
   */
  public record Escaped(char character) implements Part {}
}
