package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP004: an element name the policy grammar does not have, at the top level or in a statement.
 * Every such problem is reported, at the span the reader reported it.
 */
public final class UnknownElement extends ReportedRule {
  public UnknownElement() {
    super(
        new RuleMetadata(
            Code.KP004,
            "Unknown element",
            "A top-level or statement member that the policy grammar does not"
                + " define, such as `Principals` or `Conditions`; a close known name"
                + " is suggested.",
            "KMS rejects the policy, and a misspelt `Condition` that were"
                + " ignored would widen the statement it was meant to narrow.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
            "\"Conditions\": {\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}}",
            "\"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}}"));
  }
}
