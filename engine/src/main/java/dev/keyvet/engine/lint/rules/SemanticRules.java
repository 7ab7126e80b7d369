package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Rule;
import java.util.List;

/** The rules that ask the evaluator who can do what (reachability, external access, lockout). */
final class SemanticRules {
  private SemanticRules() {}

  static final List<Rule> ALL =
      List.of(
          new WeakStarGuard(),
          new ExternalAccount(),
          new ExternalAdmin(),
          new UnconstrainedGrantCreation(),
          new PolicyRewriteEscalation(),
          new LockoutBypassAllowed(),
          new LockoutNoManager(),
          new LockoutFragileManager(),
          new IamDelegationMissing(),
          new ServicePrincipalUnscoped(),
          new DestructiveOpsUnguarded(),
          new DenyBreaksServices(),
          new CrossAccountUnscopedUse(),
          new SeparationOfDuties(),
          new ShadowedAllow());
}
