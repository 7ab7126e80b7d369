package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/** KP001: the document does not parse as JSON. */
public final class JsonSyntax extends ReportedRule {
  public JsonSyntax() {
    super(
        new RuleMetadata(
            Code.KP001,
            "JSON syntax error",
            "The document is not valid JSON: a trailing or missing comma, a comment, an unclosed"
                + " object or string. Reported at the exact line and column where parsing stopped.",
            "Nothing else in the document can be checked, and KMS rejects it with"
                + " MalformedPolicyDocumentException.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "\"Resource\": \"*\",\n}",
            "\"Resource\": \"*\"\n}"));
  }
}
