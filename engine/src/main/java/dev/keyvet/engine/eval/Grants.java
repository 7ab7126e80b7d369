package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grant semantics: which grant, if any, allows a request. A grant covers its grantee (a role
 * grantee covers every session of the role; an account grantee covers the account's principals
 * whose identity policies allow the call), one of its operations, and its encryption-context
 * constraint. Constraint keys compare case-insensitively and values exactly, as the current KMS API
 * reference says; a constrained grant never covers an operation that carries no encryption context,
 * except DescribeKey and RetireGrant.
 */
final class Grants {
  private Grants() {}

  private static final String EC_PREFIX = "kms:encryptioncontext:";

  /** The first grant allowing {@code r}, or null. */
  static Grant allowing(List<Grant> grants, EvalRequest r, boolean identityAllows) {
    if (grants.isEmpty() || r.kmsAction == null || !r.kmsAction.grantable()) {
      return null;
    }
    for (Grant g : grants) {
      if (covers(g, r, identityAllows)) {
        return g;
      }
    }
    return null;
  }

  private static boolean covers(Grant g, EvalRequest r, boolean identityAllows) {
    String op = r.kmsAction.name();
    boolean listed = false;
    for (String o : g.operations()) {
      String name = o.regionMatches(true, 0, "kms:", 0, 4) ? o.substring(4) : o;
      listed |= name.equalsIgnoreCase(op);
    }
    if (!listed || !grantee(g.grantee(), r.caller, identityAllows)) {
      return false;
    }
    if (!g.constrained() || op.equals("DescribeKey") || op.equals("RetireGrant")) {
      return true;
    }
    if (!carriesContext(r)) {
      return false;
    }
    Map<String, String> ec = encryptionContext(r.context);
    if (g.encryptionContextEquals() != null) {
      return ec.equals(lowerKeys(g.encryptionContextEquals()));
    }
    return ec.entrySet().containsAll(lowerKeys(g.encryptionContextSubset()).entrySet());
  }

  private static boolean grantee(String grantee, Caller c, boolean identityAllows) {
    switch (c.type()) {
      case ROOT:
        return grantee.equals(c.rootArn());
      case ROLE_SESSION:
        if (grantee.equals(c.principalArn()) || grantee.equals(c.arn())) {
          return true;
        }
        break;
      case USER:
      case FEDERATED_USER:
        if (grantee.equals(c.arn())) {
          return true;
        }
        break;
      default:
        return false;
    }
    return grantee.equals(c.rootArn()) && identityAllows;
  }

  private static boolean carriesContext(EvalRequest r) {
    KmsCatalog catalog = KmsCatalog.get();
    return catalog
        .conditionKey("kms:EncryptionContextKeys")
        .map(k -> catalog.actionSupportsKey(r.kmsAction, k))
        .orElse(false);
  }

  /** The request's encryption context from its {@code kms:EncryptionContext:} keys, lower-cased. */
  static Map<String, String> encryptionContext(RequestContext ctx) {
    Map<String, String> ec = new HashMap<>();
    for (RequestContext.Entry e : ctx.entries()) {
      String key = e.key().toLowerCase(Locale.ROOT);
      if (key.startsWith(EC_PREFIX) && e.values().size() == 1) {
        ec.put(key.substring(EC_PREFIX.length()), e.values().get(0));
      }
    }
    return ec;
  }

  private static Map<String, String> lowerKeys(Map<String, String> m) {
    Map<String, String> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }
}
