package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP015: text left over from a template that was never rendered. Every such problem is reported, at
 * the span the reader reported it.
 */
public final class UnresolvedPlaceholder extends ReportedRule {
  public UnresolvedPlaceholder() {
    super(
        new RuleMetadata(
            Code.KP015,
            "Unresolved placeholder",
            "A `${...}` that is not an AWS policy variable, `<...>` or"
                + " `{{...}}` markers, a word where an account ID belongs, or a"
                + " CloudFormation intrinsic such as `Fn::Join` or `Ref`.",
            "The template was not rendered: the principal or ARN names nobody,"
                + " so the statement silently grants or denies nothing.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::${account_id}:root\"}",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}"));
  }
}
