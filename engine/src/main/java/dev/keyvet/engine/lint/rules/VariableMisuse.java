package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP120: a policy variable that is malformed, unknown, not expanded, or where variables are not
 * allowed. Every such problem is reported, at the span the reader reported it.
 */
public final class VariableMisuse extends ReportedRule {
  public VariableMisuse() {
    super(
        new RuleMetadata(
            Code.KP120,
            "Policy variable misuse",
            "A policy variable under a missing or old `Version`, a malformed or"
                + " unknown variable, or a variable in a value type that does not"
                + " expand them (Numeric, Date, Bool, IP address).",
            "The text is compared literally, so the statement matches nobody"
                + " (Allow) or everybody (negated Deny).",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
            "\"StringEquals\": {\"aws:PrincipalTag/team\": \"${aws:PrincipalTag/team\"}",
            "\"StringEquals\": {\"aws:PrincipalTag/team\": \"${aws:PrincipalTag/team}\"}"));
  }
}
