package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP107: a {@code Resource} that names keys by ARN or ARN pattern instead of {@code *}. Reported at
 * each such value. Values the reader already rejected as never naming a key (KP106), as empty
 * (KP011) or as an unrendered template (KP015) are not reported again; {@code NotResource} is left
 * to KP108.
 */
public final class ResourceNotStar extends StatementRule {
  private static final Set<Code> ALREADY_REPORTED = Set.of(Code.KP106, Code.KP011, Code.KP015);

  public ResourceNotStar() {
    super(
        new RuleMetadata(
            Code.KP107,
            "Resource is not *",
            "A `Resource` value that is a key ARN or an ARN pattern rather than `*`.",
            "In a key policy `*` means the key the policy is attached to, and AWS documents"
                + " `\"Resource\": \"*\"` for key policies. An ARN works only while it matches this"
                + " key: it stops matching when the policy is copied to another key, to a"
                + " multi-Region replica or to another account, and readers must check it against"
                + " the key to know whether the statement applies at all.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
            "\"Resource\": \"arn:aws:kms:us-west-2:111122223333:key/*\"",
            "\"Resource\": \"*\""));
  }

  @Override
  void check(LintContext ctx, Statement s, Consumer<Finding> out) {
    if (s.resource() == null || s.resource().negated()) {
      return;
    }
    Set<String> rejected = null;
    for (Template t : s.resource().patterns()) {
      if (t.text().equals("*")) {
        continue;
      }
      if (rejected == null) {
        rejected = rejectedPointers(ctx);
      }
      if (rejected.contains(t.span().pointer())) {
        continue;
      }
      out.accept(
          ctx.finding(
              Code.KP107,
              s,
              t.span(),
              "resource " + Quoted.code(t.text()) + " names keys by ARN; a key policy uses `*`",
              "`*` is the key the policy is attached to; an ARN silently stops matching when the"
                  + " policy is reused for another key or a replica"));
    }
  }

  /** The JSON pointers of values the reader already reported as never naming a key. */
  private static Set<String> rejectedPointers(LintContext ctx) {
    Set<String> out = new HashSet<>();
    for (Diagnostic d : ctx.read().diagnostics()) {
      if (ALREADY_REPORTED.contains(d.code())) {
        out.add(d.span().pointer());
      }
    }
    return out;
  }
}
