package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Statement;

/**
 * The zone of trust: the key's own account, the accounts the configuration trusts, and the accounts
 * of the organizations it trusts.
 */
final class Trust {
  private Trust() {}

  static boolean trustedAccount(LintContext ctx, String account) {
    return account.equals(ctx.keyAccount()) || ctx.config().trustedAccounts().contains(account);
  }

  /**
   * True when {@code s} is a caller outside the zone of trust: an account that is neither trusted
   * itself nor in a trusted organization. Service principals have no account and are never external
   * here.
   */
  static boolean external(LintContext ctx, Subject s) {
    if (s.account().isEmpty() || trustedAccount(ctx, s.account())) {
      return false;
    }
    return s.org() == null || !ctx.config().trustedOrgIds().contains(s.org());
  }

  /**
   * Where a finding about subject {@code s} of statement {@code st} points: the principal entry, or
   * for a stand-in of {@code *} the condition value that binds it to its account or organization.
   */
  static SourceSpan span(Statement st, Subject s) {
    if (!s.standIn()) {
      return s.principal().span();
    }
    for (Condition c : Guards.bindings(st)) {
      for (ConditionValue v : c.values()) {
        String text = v.text();
        boolean names =
            (s.org() != null && text.startsWith(s.org()))
                || (!s.account().isEmpty() && text.contains(s.account()));
        if (names) {
          return v.span();
        }
      }
    }
    return s.principal().span();
  }
}
