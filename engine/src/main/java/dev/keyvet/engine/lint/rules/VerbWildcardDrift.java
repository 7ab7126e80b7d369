package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * KP215: an administrative statement granting verb wildcards such as {@code kms:Create*} or {@code
 * kms:Put*}.
 */
public final class VerbWildcardDrift extends PolicyRule {
  private static final Pattern VERB = Pattern.compile("(?i)kms:[a-z]+\\*");

  /** Actions worth naming in the advice when a wildcard already includes them. */
  private static final List<String> NOTABLE =
      List.of(
          "CreateGrant",
          "PutKeyPolicy",
          "DisableKey",
          "DeleteImportedKeyMaterial",
          "UpdatePrimaryRegion");

  public VerbWildcardDrift() {
    super(
        new RuleMetadata(
            Code.KP215,
            "Verb wildcards in an administrative statement",
            "An Allow statement grants administrative actions through verb wildcards such as"
                + " `kms:Create*`, `kms:Put*`, `kms:Delete*` or `kms:Get*` (the console's key"
                + " administrator statement does).",
            "Every action AWS adds later with that verb is granted automatically, and the wildcards"
                + " already reach further than they read: `kms:Create*` includes `kms:CreateGrant`,"
                + " `kms:Put*` includes `kms:PutKeyPolicy`.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "\"Action\": [\"kms:Create*\", \"kms:Put*\", \"kms:Describe*\"]",
            "\"Action\": [\"kms:CreateAlias\", \"kms:PutKeyPolicy\", \"kms:DescribeKey\"]"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || s.action() == null || s.action().negated()) {
        continue;
      }
      List<String> wildcards = new ArrayList<>();
      List<String> reach = new ArrayList<>();
      boolean administrative = false;
      for (Text t : s.action().patterns()) {
        if (!VERB.matcher(t.value()).matches()) {
          continue;
        }
        List<KmsAction> matched = KmsCatalog.get().actionsMatching(t.value());
        if (matched.isEmpty()) {
          continue;
        }
        wildcards.add("`" + t.value() + "`");
        for (KmsAction a : matched) {
          administrative |= Actions.isAdmin(a.name());
          if (NOTABLE.contains(a.name())) {
            reach.add("`" + t.value() + "` includes `" + a.qualifiedName() + "`");
          }
        }
      }
      if (!administrative) {
        continue;
      }
      String help =
          "list the actions administrators need"
              + (reach.isEmpty() ? "" : "; today " + Actions.list(reach, 3));
      out.accept(
          finding(
              ctx,
              s,
              s.action().span(),
              "administrative statement uses verb wildcards "
                  + Actions.list(wildcards, 2)
                  + ", so actions AWS adds later are granted automatically",
              help,
              null));
    }
  }
}
