package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP013: a character outside what KMS accepts in a key policy. Every such problem is reported, at
 * the span the reader reported it.
 */
public final class IllegalCharacters extends ReportedRule {
  public IllegalCharacters() {
    super(
        new RuleMetadata(
            Code.KP013,
            "Illegal character",
            "A character other than printable ASCII, Latin-1 (up to U+00FF),"
                + " tab, line feed and carriage return; the first five are reported.",
            "PutKeyPolicy rejects the whole policy; emoji and typographic"
                + " quotes pasted from documents are the usual cause.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "\"Sid\": \"Allow use of the key \\u2705\"",
            "\"Sid\": \"Allow use of the key\""));
  }
}
