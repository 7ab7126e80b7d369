package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP006: a {@code Version} other than {@code 2012-10-17}: an error when unknown, a warning for
 * {@code 2008-10-17}. Every such problem is reported, at the span the reader reported it.
 */
public final class BadVersion extends ReportedRule {
  public BadVersion() {
    super(
        new RuleMetadata(
            Code.KP006,
            "Unsupported Version",
            "`Version` is not `2012-10-17`: an error for an unknown value, a"
                + " warning for the old `2008-10-17` grammar.",
            "KMS rejects unknown versions; under `2008-10-17` policy variables"
                + " are compared as literal text.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
            "\"Version\": \"2008-10-17\"",
            "\"Version\": \"2012-10-17\""));
  }
}
