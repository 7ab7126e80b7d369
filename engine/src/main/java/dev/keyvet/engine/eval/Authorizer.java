package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.ResourceKind;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.Reason.Link;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides one KMS permission check the way AWS does (the reference's §2.3): fail closed on invalid
 * policies; refuse operations that are never cross-account; explicit deny anywhere wins; SCP and
 * RCP levels must each allow; permissions without a key need an identity allow; for a key, a grant,
 * a direct key-policy allow, or a key-policy delegation to the caller's account plus an identity
 * allow (always both sides across accounts), with permissions boundaries and session policies
 * capping what they cap. Thread-safe and stateless.
 */
public final class Authorizer {
  private final boolean naive;

  /** The authorizer on compiled policies. */
  public Authorizer() {
    this(false);
  }

  /** With {@code naive}, every policy is evaluated by the reference interpretation instead. */
  Authorizer(boolean naive) {
    this.naive = naive;
  }

  /** The decision alone, with the minimum of reasons; the fast path. */
  public Evaluation decide(PolicySet policies, AccessRequest request) {
    return authorize(policies, request, false);
  }

  /** The decision with its full explanation, including near misses for a denial. */
  public Evaluation explain(PolicySet policies, AccessRequest request) {
    return authorize(policies, request, true);
  }

  /** One permission check of an operation: a request and the policies that decide it. */
  public record Check(PolicySet policies, AccessRequest request) {}

  /**
   * An operation that needs several permission checks ({@code ReEncrypt}: {@code ReEncryptFrom} on
   * the source key and {@code ReEncryptTo} on the destination key; alias operations: the alias and
   * each key): allowed only when every check is. The result is the first check that is not allowed,
   * or the last allow with the reasons of all checks.
   */
  public Evaluation decideAll(List<Check> checks, boolean explain) {
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("no checks");
    }
    List<Reason> reasons = new ArrayList<>();
    Evaluation last = null;
    for (Check c : checks) {
      last = authorize(c.policies(), c.request(), explain);
      if (!last.allowed()) {
        return last;
      }
      reasons.addAll(last.reasons());
    }
    return new Evaluation(Decision.ALLOW, reasons, List.of());
  }

  private Evaluation authorize(PolicySet p, AccessRequest request, boolean explain) {
    List<Diagnostic> errors = new ArrayList<>();
    for (CompiledPolicy policy : p.all()) {
      errors.addAll(policy.errors());
    }
    if (!errors.isEmpty()) {
      return new Evaluation(
          Decision.IMPLICIT_DENY,
          List.of(
              new Reason.Missing(
                  Link.INVALID_POLICY, "a policy is invalid, so nothing is allowed")),
          errors);
    }
    EvalRequest r = new EvalRequest(request, p.permissionsBoundary() != null);
    return new Run(p, r, explain).decide();
  }

  /** One authorization. */
  private final class Run {
    private final PolicySet p;
    private final EvalRequest r;
    private final boolean explain;
    private final List<Reason> reasons = new ArrayList<>();

    Run(PolicySet p, EvalRequest r, boolean explain) {
      this.p = p;
      this.r = r;
      this.explain = explain;
    }

    Evaluation decide() {
      KmsAction action = r.kmsAction;
      if (action == null) {
        return deny(Link.UNKNOWN_ACTION, "`" + r.action + "` is not a KMS permission");
      }
      // The alias half of an alias operation is authorized like a permission without a key:
      // by identity policies, on the alias ARN.
      boolean aliasHalf =
          r.request.resource() != null
              && r.request.resource().contains(":alias/")
              && Arn.tryParse(r.request.resource()).map(Arn::isKmsAlias).orElse(false);
      boolean keyed = action.resource() != ResourceKind.NONE && !aliasHalf;
      if (keyed && r.request.resource() == null) {
        return deny(Link.INVALID_REQUEST, "`" + r.action + "` needs a key");
      }
      if (keyed && r.request.crossAccount() && !action.crossAccount()) {
        return deny(
            Link.NOT_CROSS_ACCOUNT,
            "`"
                + r.action
                + "` cannot be called on a key in another account, whatever the policies say");
      }
      Hits key = keyed && p.keyPolicy() != null ? hits(p.keyPolicy()) : new Hits(false);
      List<Hits> identity = new ArrayList<>();
      for (CompiledPolicy ip : p.identityPolicies()) {
        identity.add(hits(ip));
      }
      Hits boundary = p.permissionsBoundary() == null ? null : hits(p.permissionsBoundary());
      Hits session = p.sessionPolicy() == null ? null : hits(p.sessionPolicy());
      List<Hits> scps = scpsApply() ? levels(p.scps()) : List.of();
      List<Hits> rcps = rcpsApply(action) ? levels(p.rcps()) : List.of();

      Evaluation denied = explicitDeny(key, identity, boundary, session, scps, rcps);
      if (denied != null) {
        return denied;
      }
      Evaluation guarded = guardrails(scps, p.scps(), Link.SCP);
      if (guarded == null) {
        guarded = guardrails(rcps, p.rcps(), Link.RCP);
      }
      if (guarded != null) {
        return guarded;
      }
      int identityAllow = firstAllow(identity);
      boolean boundaryOk = boundary == null || boundary.allows();
      boolean sessionOk = session == null || session.allows();
      boolean id = identityAllow >= 0 && boundaryOk && sessionOk;
      if (!keyed) {
        if (id) {
          return allow(identityReasons(identity, boundary, session));
        }
        if (r.caller.type() == CallerType.ROOT && !r.request.crossAccount()) {
          return allow(
              List.of(
                  new Reason.Inherent(
                      "the account's root user holds every permission of its own account")));
        }
        return missingIdentity(identityAllow, boundaryOk);
      }
      if (action.name().equals("RetireGrant")) {
        return retireGrant();
      }
      return keyDecision(
          key, identity, boundary, session, id, identityAllow, boundaryOk, sessionOk);
    }

    /**
     * RetireGrant is authorized by the grant itself, never by a policy allow: a key-policy or IAM
     * allow of {@code kms:RetireGrant} alone retires nothing. The grantee retires a grant that
     * includes the RetireGrant operation. (Retiring principals and the creating account are
     * properties of a grant this model does not carry.)
     */
    private Evaluation retireGrant() {
      Grant grant = Grants.allowing(p.grants(), r, false);
      if (grant != null) {
        reasons.add(
            new Reason.GrantMatch(grant.name(), grant.grantee(), "lets its grantee retire it"));
        return allow(List.of());
      }
      return deny(
          Link.NO_KEY_POLICY_ALLOW,
          "`kms:RetireGrant` is allowed only by a grant that names the caller; policy allows have no"
              + " effect on it");
    }

    private Evaluation keyDecision(
        Hits key,
        List<Hits> identity,
        Hits boundary,
        Hits session,
        boolean id,
        int identityAllow,
        boolean boundaryOk,
        boolean sessionOk) {
      Caller c = r.caller;
      boolean root = c.type() == CallerType.ROOT;
      Grant grant = Grants.allowing(p.grants(), r, id || root);
      if (grant != null && boundaryOk && sessionOk) {
        reasons.add(
            new Reason.GrantMatch(grant.name(), grant.grantee(), "allows `" + r.action + "`"));
        return allow(List.of());
      }
      if (!r.request.crossAccount()) {
        if (key.uncapped >= 0) {
          return allow(List.of(keyReason(key.uncapped, "allows the caller directly")));
        }
        if (key.role >= 0 && boundaryOk && sessionOk) {
          return allow(List.of(keyReason(key.role, "allows the caller's role")));
        }
        if (key.account >= 0 && root) {
          return allow(
              List.of(keyReason(key.account, "allows the account, whose root user is the caller")));
        }
        if (key.account >= 0 && id) {
          List<Reason> links = new ArrayList<>();
          links.add(keyReason(key.account, "delegates to the caller's account"));
          links.addAll(identityReasons(identity, boundary, session));
          return allow(links);
        }
        if (key.role >= 0) {
          return denyCapped(key.role, boundaryOk);
        }
        if (key.account >= 0) {
          return missingIdentity(identityAllow, boundaryOk);
        }
        return noKeyPolicyAllow(identityAllow >= 0 && !root);
      }
      int keyAllow = key.allow;
      if (keyAllow >= 0 && (id || root)) {
        List<Reason> links = new ArrayList<>();
        links.add(keyReason(keyAllow, "allows the caller's account or the caller"));
        if (!root) {
          links.addAll(identityReasons(identity, boundary, session));
        }
        return allow(links);
      }
      if (keyAllow >= 0) {
        reasons.add(keyReason(keyAllow, "allows the caller's side, which must also allow it"));
        return missingIdentity(identityAllow, boundaryOk);
      }
      return deny(
          Link.NO_KEY_POLICY_ALLOW,
          "the key policy allows neither the caller nor its account "
              + c.account()
              + " to `"
              + r.action
              + "`; across accounts both sides must allow");
    }

    private Evaluation explicitDeny(
        Hits key,
        List<Hits> identity,
        Hits boundary,
        Hits session,
        List<Hits> scps,
        List<Hits> rcps) {
      if (key.denies()) {
        return explicit(p.keyPolicy(), key.deny);
      }
      for (int i = 0; i < identity.size(); i++) {
        if (identity.get(i).denies()) {
          return explicit(p.identityPolicies().get(i), identity.get(i).deny);
        }
      }
      if (boundary != null && boundary.denies()) {
        return explicit(p.permissionsBoundary(), boundary.deny);
      }
      if (session != null && session.denies()) {
        return explicit(p.sessionPolicy(), session.deny);
      }
      Evaluation e = explicitInLevels(scps, p.scps());
      return e != null ? e : explicitInLevels(rcps, p.rcps());
    }

    private Evaluation explicitInLevels(List<Hits> hits, List<List<CompiledPolicy>> levels) {
      int k = 0;
      for (List<CompiledPolicy> level : levels) {
        for (CompiledPolicy policy : level) {
          Hits h = hits.isEmpty() ? null : hits.get(k);
          k++;
          if (h != null && h.denies()) {
            return explicit(policy, h.deny);
          }
        }
      }
      return null;
    }

    private Evaluation guardrails(List<Hits> hits, List<List<CompiledPolicy>> levels, Link link) {
      if (hits.isEmpty()) {
        return null;
      }
      int k = 0;
      for (int level = 0; level < levels.size(); level++) {
        boolean allowed = false;
        for (int i = 0; i < levels.get(level).size(); i++) {
          allowed |= hits.get(k++).allows();
        }
        if (!allowed) {
          String what = link == Link.SCP ? "service control policies" : "resource control policies";
          return deny(
              link, "no " + what + " at level " + (level + 1) + " allow `" + r.action + "`");
        }
      }
      return null;
    }

    private boolean scpsApply() {
      return !p.scps().isEmpty()
          && r.caller.type() != CallerType.SERVICE
          && !r.caller.isServiceLinkedRole();
    }

    private boolean rcpsApply(KmsAction action) {
      return !p.rcps().isEmpty()
          && action.resource() != ResourceKind.NONE
          && !action.name().equals("RetireGrant")
          && !r.caller.isServiceLinkedRole();
    }

    private List<Hits> levels(List<List<CompiledPolicy>> levels) {
      List<Hits> out = new ArrayList<>();
      for (List<CompiledPolicy> level : levels) {
        for (CompiledPolicy policy : level) {
          out.add(hits(policy));
        }
      }
      return out;
    }

    private Hits hits(CompiledPolicy policy) {
      Hits h = new Hits(false);
      matcher(policy).applicable(r, h);
      return h;
    }

    private PolicyMatcher matcher(CompiledPolicy policy) {
      return naive ? new NaivePolicy(policy.document(), policy.kind()) : policy;
    }

    private int firstAllow(List<Hits> identity) {
      for (Hits h : identity) {
        if (h.allows()) {
          return h.allow;
        }
      }
      return -1;
    }

    private List<Reason> identityReasons(List<Hits> identity, Hits boundary, Hits session) {
      List<Reason> out = new ArrayList<>();
      for (int i = 0; i < identity.size(); i++) {
        if (identity.get(i).allows()) {
          out.add(
              statementReason(
                  p.identityPolicies().get(i), identity.get(i).allow, "allows the caller"));
          break;
        }
      }
      if (boundary != null) {
        out.add(
            statementReason(
                p.permissionsBoundary(), boundary.allow, "permits it within the boundary"));
      }
      if (session != null) {
        out.add(statementReason(p.sessionPolicy(), session.allow, "permits it for the session"));
      }
      return out;
    }

    private Evaluation denyCapped(int statement, boolean boundaryOk) {
      reasons.add(
          keyReason(
              statement, "allows the caller's role, capped by its boundary or session policy"));
      return boundaryOk
          ? deny(Link.SESSION_POLICY, "the session policy does not allow `" + r.action + "`")
          : deny(
              Link.PERMISSIONS_BOUNDARY,
              "the permissions boundary does not allow `" + r.action + "`");
    }

    private Evaluation missingIdentity(int identityAllow, boolean boundaryOk) {
      if (identityAllow < 0) {
        return deny(
            Link.NO_IDENTITY_ALLOW,
            "no identity policy of the caller allows `" + r.action + "` on this key");
      }
      return boundaryOk
          ? deny(Link.SESSION_POLICY, "the session policy does not allow `" + r.action + "`")
          : deny(
              Link.PERMISSIONS_BOUNDARY,
              "the permissions boundary does not allow `" + r.action + "`");
    }

    private Evaluation noKeyPolicyAllow(boolean identityAllows) {
      if (identityAllows) {
        return deny(
            Link.NO_DELEGATION,
            "an identity policy allows `"
                + r.action
                + "`, but the key policy neither allows the caller"
                + " nor delegates to its account");
      }
      return deny(
          Link.NO_KEY_POLICY_ALLOW,
          "no key policy statement allows `" + r.action + "` for the caller");
    }

    private Reason keyReason(int statement, String role) {
      return statementReason(p.keyPolicy(), statement, role);
    }

    private Reason statementReason(CompiledPolicy policy, int index, String role) {
      Statement s = policy.document().statements().get(index);
      return new Reason.StatementMatch(
          policy.kind(), policy.name(), s.label(), index, s.effect(), role, s.span());
    }

    private Evaluation explicit(CompiledPolicy policy, int statement) {
      reasons.add(statementReason(policy, statement, "denies it explicitly"));
      return new Evaluation(Decision.EXPLICIT_DENY, reasons, List.of());
    }

    private Evaluation allow(List<Reason> links) {
      reasons.addAll(links);
      return new Evaluation(Decision.ALLOW, reasons, List.of());
    }

    private Evaluation deny(Link link, String message) {
      reasons.add(new Reason.Missing(link, message));
      if (explain) {
        nearMisses();
      }
      return new Evaluation(Decision.IMPLICIT_DENY, reasons, List.of());
    }

    /** Allow statements that name the permission but fail on another element. */
    private void nearMisses() {
      List<CompiledPolicy> policies = new ArrayList<>();
      if (p.keyPolicy() != null
          && r.kmsAction != null
          && r.kmsAction.resource() != ResourceKind.NONE) {
        policies.add(p.keyPolicy());
      }
      policies.addAll(p.identityPolicies());
      for (CompiledPolicy policy : policies) {
        NaivePolicy reference = new NaivePolicy(policy.document(), policy.kind());
        List<Statement> list = policy.document().statements();
        for (Statement s : list) {
          if (s.effect() != Effect.ALLOW || s.action() == null) {
            continue;
          }
          String[] why = reference.whyNot(s, r);
          if (why != null && !why[0].endsWith("Action") && !why[0].equals("Statement")) {
            reasons.add(
                new Reason.NearMiss(
                    policy.kind(), policy.name(), s.label(), why[0], why[1], s.span()));
          }
        }
      }
    }
  }
}
