package dev.keyvet.engine.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides a KMS request besides the request itself: the key policy, the caller's
 * identity policies, permissions boundary and session policy, the SCPs over the caller's account
 * and the RCPs over the key's account (each a list of levels, root first; every level must allow),
 * and the grants on the key.
 *
 * @param keyPolicy the key's policy, or null for permissions that take no key
 * @param identityPolicies the caller's identity policies
 * @param permissionsBoundary the caller's permissions boundary, or null
 * @param sessionPolicy the session policy, or null
 * @param scps SCP levels over the caller's account (empty: no SCPs apply)
 * @param rcps RCP levels over the key's account (empty: no RCPs apply)
 * @param grants the grants on the key
 */
public record PolicySet(
    CompiledPolicy keyPolicy,
    List<CompiledPolicy> identityPolicies,
    CompiledPolicy permissionsBoundary,
    CompiledPolicy sessionPolicy,
    List<List<CompiledPolicy>> scps,
    List<List<CompiledPolicy>> rcps,
    List<Grant> grants) {

  public PolicySet {
    identityPolicies = List.copyOf(identityPolicies);
    scps = scps.stream().map(List::copyOf).toList();
    rcps = rcps.stream().map(List::copyOf).toList();
    grants = List.copyOf(grants);
  }

  /** A key policy alone. */
  public static PolicySet keyPolicyOnly(CompiledPolicy keyPolicy) {
    return builder().keyPolicy(keyPolicy).build();
  }

  /** Every policy of the set, for checking them all. */
  /** True when some policy of the set {@linkplain CompiledPolicy#mentions mentions} the key. */
  public boolean mentions(String conditionKey) {
    for (CompiledPolicy p : all()) {
      if (p.mentions(conditionKey)) {
        return true;
      }
    }
    return false;
  }

  public List<CompiledPolicy> all() {
    List<CompiledPolicy> out = new ArrayList<>();
    if (keyPolicy != null) {
      out.add(keyPolicy);
    }
    out.addAll(identityPolicies);
    if (permissionsBoundary != null) {
      out.add(permissionsBoundary);
    }
    if (sessionPolicy != null) {
      out.add(sessionPolicy);
    }
    scps.forEach(out::addAll);
    rcps.forEach(out::addAll);
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a policy set. */
  public static final class Builder {
    private CompiledPolicy keyPolicy;
    private final List<CompiledPolicy> identity = new ArrayList<>();
    private CompiledPolicy boundary;
    private CompiledPolicy session;
    private final List<List<CompiledPolicy>> scps = new ArrayList<>();
    private final List<List<CompiledPolicy>> rcps = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();

    public Builder keyPolicy(CompiledPolicy p) {
      this.keyPolicy = p;
      return this;
    }

    public Builder identityPolicy(CompiledPolicy p) {
      identity.add(p);
      return this;
    }

    public Builder permissionsBoundary(CompiledPolicy p) {
      this.boundary = p;
      return this;
    }

    public Builder sessionPolicy(CompiledPolicy p) {
      this.session = p;
      return this;
    }

    /** One SCP level (the policies attached at one OU level or to the account). */
    public Builder scpLevel(List<CompiledPolicy> level) {
      scps.add(level);
      return this;
    }

    /** One RCP level. */
    public Builder rcpLevel(List<CompiledPolicy> level) {
      rcps.add(level);
      return this;
    }

    public Builder grant(Grant g) {
      grants.add(g);
      return this;
    }

    public PolicySet build() {
      return new PolicySet(keyPolicy, identity, boundary, session, scps, rcps, grants);
    }
  }
}
