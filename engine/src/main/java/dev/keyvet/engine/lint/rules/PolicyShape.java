package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP003: a document that is not a policy object with a non-empty {@code Statement}, or an element
 * of the wrong JSON type. Every such problem is reported, at the span the reader reported it.
 */
public final class PolicyShape extends ReportedRule {
  public PolicyShape() {
    super(
        new RuleMetadata(
            Code.KP003,
            "Not a policy",
            "The document is not an object with a non-empty `Statement`, or an"
                + " element has the wrong JSON type (a statement that is not an"
                + " object, a `Condition` that is a string, both `Action` and"
                + " `NotAction`).",
            "KMS rejects such a document with MalformedPolicyDocumentException;"
                + " a bare array of statements is a fragment, not a policy.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
                + " \"Action\": \"kms:*\", \"Resource\": \"*\"}]",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}]}"));
  }
}
