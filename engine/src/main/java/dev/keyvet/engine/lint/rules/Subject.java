package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A concrete caller standing for a principal entry of a statement, for questions to the evaluator:
 * the named user, role, session, account root or service itself, or for {@code *} a stand-in that
 * satisfies the statement's identity conditions (a role of the account or organization it is bound
 * to), or when nothing binds it, a role of the key's account and a role of an unrelated account.
 *
 * @param principal the entry as written
 * @param caller the caller's ARN, account ID or service name
 * @param identity identity keys the evaluator cannot derive from the ARN (organization)
 * @param account the caller's account; empty for service principals
 * @param org the caller's organization, or null when unknown
 * @param standIn true when the caller stands in for {@code *}
 * @param bound true unless the caller stands for an unconditioned {@code *}
 * @param who how messages name whom the subject stands for: the principal, or for {@code *} the
 *     callers its conditions admit
 */
record Subject(
    Principal principal,
    String caller,
    RequestContext identity,
    String account,
    String org,
    boolean standIn,
    boolean bound,
    String who) {

  /** A role in an account no policy names. */
  static final String OUTSIDER = "arn:aws:iam::999999999999:role/Outsider";

  /** A role of the key's account that the policy does not name. */
  static String insider(LintContext ctx) {
    return "arn:aws:iam::" + ctx.keyAccount() + ":role/Insider";
  }

  /** The key account's root. */
  static String root(LintContext ctx) {
    return "arn:aws:iam::" + ctx.keyAccount() + ":root";
  }

  /** The subjects of every principal entry of {@code s}; none for {@code NotPrincipal}. */
  static List<Subject> of(LintContext ctx, Statement s) {
    return ctx.remember(new SubjectsOf(s.index()), () -> List.copyOf(compute(ctx, s)));
  }

  /** The memo key of the subjects of the statement at {@code index}. */
  private record SubjectsOf(int index) {}

  private static List<Subject> compute(LintContext ctx, Statement s) {
    List<Subject> out = new ArrayList<>();
    if (s.principal() == null || s.principal().negated()) {
      return out;
    }
    for (Principal p : s.principal().principals()) {
      out.addAll(of(ctx, s, p));
    }
    return out;
  }

  /** The subjects standing for entry {@code p} of statement {@code s}. */
  static List<Subject> of(LintContext ctx, Statement s, Principal p) {
    if (p instanceof Principal.Any) {
      return forAny(ctx, s, p);
    }
    String caller = callerOf(p);
    if (caller == null) {
      return List.of();
    }
    String account = p instanceof Principal.Service ? "" : accountOf(p);
    return List.of(
        new Subject(
            p, caller, RequestContext.EMPTY, account, null, false, true, "`" + display(p) + "`"));
  }

  /** True for the key account's root as a principal entry. */
  static boolean isKeyRoot(LintContext ctx, Principal p) {
    return p instanceof Principal.Account a && a.accountId().equals(ctx.keyAccount());
  }

  /** True for an individual IAM identity: a user, role, role session or federated user. */
  static boolean isIdentity(Principal p) {
    return p instanceof Principal.IamUser
        || p instanceof Principal.IamRole
        || p instanceof Principal.AssumedRole
        || p instanceof Principal.FederatedUser;
  }

  /** True for any account principal (the root of some account). */
  boolean isAccountRoot() {
    return principal instanceof Principal.Account;
  }

  /** The caller a principal entry names, or null when it names none the evaluator can ask about. */
  static String callerOf(Principal p) {
    String text = null;
    if (p instanceof Principal.Account a) {
      text = a.rootArn();
    } else if (isIdentity(p) || p instanceof Principal.Service) {
      text = p.text();
    }
    if (text == null) {
      return null;
    }
    try {
      Caller.parse(text);
      return text;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A stable identity for comparing principal entries: accounts by ID (however written), entries
   * that name no principal by their position, the rest by family and text.
   */
  static String key(Principal p) {
    if (p instanceof Principal.Account a) {
      return "account:" + a.accountId();
    }
    if (p instanceof Principal.Any) {
      return "*";
    }
    if (p instanceof Principal.Invalid) {
      // INVARIANT: an entry that names no principal equals no other entry, however it is spelt.
      return "invalid@" + p.span();
    }
    return p.family() + ":" + p.text();
  }

  /** How messages name a principal entry: the account root ARN, the ARN, the service or `*`. */
  static String display(Principal p) {
    return p instanceof Principal.Account a ? a.rootArn() : p.text();
  }

  private static String accountOf(Principal p) {
    if (p instanceof Principal.Account a) {
      return a.accountId();
    }
    return Arn.tryParse(p.text()).map(Arn::account).orElse("");
  }

  /**
   * Stand-ins for {@code *}: callers that meet the statement's binding conditions, one per bound
   * account, ARN or organization; or, when nothing binds it, a role of the key's account and one of
   * an unrelated account.
   */
  private static List<Subject> forAny(LintContext ctx, Statement s, Principal p) {
    List<Condition> bindings = Guards.bindings(s);
    List<String> accounts = new ArrayList<>();
    List<String> arns = new ArrayList<>();
    List<String> orgs = new ArrayList<>();
    boolean sourceOnly = !bindings.isEmpty();
    for (Condition c : bindings) {
      String key = Guards.key(c);
      if (Guards.ACCOUNT_KEYS.contains(key) && accounts.isEmpty()) {
        accounts.addAll(Guards.values(c));
      } else if (key.equals(Guards.PRINCIPAL_ARN) && arns.isEmpty()) {
        for (String v : Guards.values(c)) {
          arns.add(v.replace('*', 'x').replace('?', 'x'));
        }
      } else if (Guards.ORG_KEYS.contains(key) && orgs.isEmpty()) {
        for (String v : Guards.values(c)) {
          orgs.add(v.replace('*', 'x').replace('?', 'x'));
        }
      }
      sourceOnly &= Guards.SOURCE_KEYS.contains(key);
    }
    List<Subject> out = new ArrayList<>();
    if (bindings.isEmpty()) {
      out.add(standIn(p, insider(ctx), ctx.keyAccount(), null, false, "any AWS identity"));
      out.add(standIn(p, OUTSIDER, "999999999999", null, false, "any AWS identity"));
      return out;
    }
    if (sourceOnly) {
      return out;
    }
    String orgPath = orgs.isEmpty() ? null : orgs.get(0);
    if (!arns.isEmpty()) {
      for (String arn : arns) {
        Arn parsed = Arn.tryParse(arn).orElse(null);
        if (parsed != null && Arn.isAccountId(parsed.account()) && callerOk(arn)) {
          out.add(standIn(p, arn, parsed.account(), orgPath, true, "`" + arn + "`"));
        }
      }
    } else if (!accounts.isEmpty()) {
      for (String account : accounts) {
        if (Arn.isAccountId(account)) {
          String role =
              account.equals(ctx.keyAccount())
                  ? insider(ctx)
                  : "arn:aws:iam::" + account + ":role/Outsider";
          out.add(
              standIn(p, role, account, orgPath, true, "any caller in account `" + account + "`"));
        }
      }
    } else {
      for (String org : orgs) {
        String who = "any account in organization `" + Guards.orgOf(org) + "`";
        out.add(standIn(p, insider(ctx), ctx.keyAccount(), org, true, who));
        out.add(standIn(p, OUTSIDER, "999999999999", org, true, who));
      }
    }
    return out;
  }

  private static Subject standIn(
      Principal p, String caller, String account, String orgOrPath, boolean bound, String who) {
    RequestContext.Builder identity = RequestContext.builder();
    String org = null;
    if (orgOrPath != null) {
      org = Guards.orgOf(orgOrPath);
      identity.put("aws:PrincipalOrgID", org);
      identity.put(
          "aws:PrincipalOrgPaths", List.of(orgOrPath.contains("/") ? orgOrPath : org + "/r-root/"));
    }
    return new Subject(p, caller, identity.build(), account, org, true, bound, who);
  }

  private static boolean callerOk(String text) {
    try {
      Caller.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
