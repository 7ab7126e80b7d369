package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A key policy.
 *
 * @param version the {@code Version} element, or null when absent
 * @param id the {@code Id} element, or null when absent
 * @param statements the statements in document order; a single {@code Statement} object is a
 *     one-element list
 * @param fragment true when the document was not a policy object but a bare array of statements:
 *     its statements are kept for statement-level checks, and policy-level conclusions (who can
 *     manage the key) must not be drawn from it
 * @param span the whole document
 */
public record PolicyDocument(
    Text version, Text id, List<Statement> statements, boolean fragment, SourceSpan span) {

  /** The version under which policy variables are expanded. */
  public static final String VERSION_2012 = "2012-10-17";

  /** The older grammar version, under which {@code ${...}} is literal text. */
  public static final String VERSION_2008 = "2008-10-17";

  public PolicyDocument {
    statements = List.copyOf(statements);
    Objects.requireNonNull(span, "span");
  }

  /** True when policy variables are expanded: only under an explicit {@code 2012-10-17}. */
  public boolean variablesEnabled() {
    return version != null && VERSION_2012.equals(version.value());
  }
}
