package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP005: a policy without {@code Version}. Every such problem is reported, at the span the reader
 * reported it.
 */
public final class MissingVersion extends ReportedRule {
  public MissingVersion() {
    super(
        new RuleMetadata(
            Code.KP005,
            "Missing Version",
            "The policy object has no `Version` element.",
            "Without it the old 2008-10-17 grammar applies, under which policy"
                + " variables such as `${aws:username}` are literal text.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
            "{\"Statement\": [...]}",
            "{\"Version\": \"2012-10-17\", \"Statement\": [...]}"));
  }
}
