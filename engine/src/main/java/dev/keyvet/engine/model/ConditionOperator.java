package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.Objects;

/**
 * A condition operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}.
 *
 * @param text the operator exactly as written
 * @param qualifier its set-operator prefix
 * @param base the operator without prefix and suffix, or null when it is not a known operator (a
 *     policy holding one is invalid, and the condition never holds)
 * @param ifExists true for the {@code IfExists} suffix
 * @param span where it was written
 */
public record ConditionOperator(
    String text, SetQualifier qualifier, OperatorBase base, boolean ifExists, SourceSpan span) {

  private static final String IF_EXISTS = "IfExists";

  public ConditionOperator {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(span, "span");
  }

  /**
   * Splits {@code text} into qualifier, base and suffix. The result's {@code base} is null when the
   * name is not a known operator, or when {@code Null} carries {@code IfExists} (IAM rejects it).
   */
  public static ConditionOperator parse(String text, SourceSpan span) {
    String rest = text;
    SetQualifier qualifier = SetQualifier.NONE;
    for (SetQualifier q : SetQualifier.values()) {
      if (q != SetQualifier.NONE && rest.startsWith(q.prefix())) {
        qualifier = q;
        rest = rest.substring(q.prefix().length());
        break;
      }
    }
    boolean ifExists = false;
    if (rest.endsWith(IF_EXISTS) && rest.length() > IF_EXISTS.length()) {
      ifExists = true;
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    OperatorBase base = OperatorBase.fromJson(rest);
    if (base == OperatorBase.NULL && (ifExists || qualifier != SetQualifier.NONE)) {
      base = null;
    }
    return new ConditionOperator(text, qualifier, base, ifExists, span);
  }

  /** True when the operator is one IAM knows. */
  public boolean isKnown() {
    return base != null;
  }
}
