package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.RuleMetadata;

/**
 * KP110: a wildcard inside a principal ARN. Every such problem is reported, at the span the reader
 * reported it.
 */
public final class PrincipalPartialWildcard extends ReportedRule {
  public PrincipalPartialWildcard() {
    super(
        new RuleMetadata(
            Code.KP110,
            "Wildcard inside a principal",
            "An `AWS` principal ARN with `*` or `?` in it; only a bare `*` is a"
                + " wildcard principal.",
            "IAM does not match principals by pattern: the principal matches no"
                + " caller. To allow a family of roles, name the account and narrow"
                + " it with `aws:PrincipalArn` and `ArnLike`.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
            "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/*\"}",
            "\"Principal\": {\"AWS\": \"111122223333\"}, \"Condition\": {\"ArnLike\":"
                + " {\"aws:PrincipalArn\": \"arn:aws:iam::111122223333:role/app-*\"}}"));
  }
}
