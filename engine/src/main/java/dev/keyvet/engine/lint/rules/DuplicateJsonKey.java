package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP002: the same member twice in one JSON object, or two members differing only in case. Every
 * such problem is reported, at the span the reader reported it.
 */
public final class DuplicateJsonKey extends ReportedRule {
  public DuplicateJsonKey() {
    super(
        new RuleMetadata(
            Code.KP002,
            "Duplicate JSON key",
            "One object holds the same member twice (`\"AWS\"` twice in a"
                + " Principal), or two members whose names differ only in case."
                + " Reported at the later member.",
            "JSON parsers keep one of the values and drop the other without a"
                + " word, so part of what the author wrote is silently lost and"
                + " reviewers read a policy AWS never sees.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/A\", \"AWS\":"
                + " \"arn:aws:iam::111122223333:role/B\"}",
            "\"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/A\","
                + " \"arn:aws:iam::111122223333:role/B\"]}"));
  }
}
