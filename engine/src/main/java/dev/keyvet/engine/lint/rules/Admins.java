package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The key's administrators: the key account's root, plus the configured key administrators; while
 * none are configured, every principal the policy itself names in an Allow of an administrative
 * action. {@code *} is never an administrator.
 */
final class Admins {
  private Admins() {}

  /** The principal keys ({@link Subject#key}) of the administrators. */
  static Set<String> of(LintContext ctx, PolicyDocument policy) {
    Set<String> out = new HashSet<>();
    out.add("account:" + ctx.keyAccount());
    if (!ctx.config().keyAdmins().isEmpty()) {
      for (String arn : ctx.config().keyAdmins()) {
        out.add(declared(arn));
      }
      return out;
    }
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW
          || s.principal() == null
          || s.principal().negated()
          || !administers(ctx, s)) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (!(p instanceof Principal.Any)) {
          out.add(Subject.key(p));
        }
      }
    }
    return out;
  }

  /** True when {@code arn} is one of the configured key administrators. */
  static boolean declared(LintContext ctx, Principal p) {
    Set<String> keys = new HashSet<>();
    for (String arn : ctx.config().keyAdmins()) {
      keys.add(declared(arn));
    }
    return keys.contains(Subject.key(p));
  }

  /** The principal key of a configured administrator ARN (or account ID). */
  private static String declared(String arn) {
    if (arn.matches("\\d{12}")) {
      return "account:" + arn;
    }
    if (arn.matches("arn:[^:]+:iam::\\d{12}:root")) {
      return "account:" + arn.substring(arn.indexOf("::") + 2, arn.indexOf(":root"));
    }
    return "AWS:" + arn;
  }

  private static boolean administers(LintContext ctx, Statement s) {
    return Actions.covered(ctx, s).intersects(Actions.ADMIN);
  }
}
