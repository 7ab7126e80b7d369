package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.lint.Rule;
import java.util.List;

/**
 * The rules of the security (KP2xx), best-practice (KP3xx) and hygiene (KP4xx) sections that need
 * only the policy's text and the catalogue, or the key's settings.
 */
final class PracticeRules {
  private PracticeRules() {}

  static final List<Rule> ALL =
      List.of(
          new PublicPrincipal(),
          new AllowNotprincipal(),
          new AllowNotaction(),
          new KmsStarToIdentity(),
          new VerbWildcardDrift(),
          new RotationDisabled(),
          new IacKeySettings(),
          new ReservedAlias(),
          new MissingSid(),
          new RedundantStatement(),
          new SubsumedAllow(),
          new UnsatisfiableCondition());
}
