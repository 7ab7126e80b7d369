package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** KP206: {@code NotAction} in an Allow statement. */
public final class AllowNotaction extends PolicyRule {
  private static final List<String> DANGEROUS =
      List.of("PutKeyPolicy", "CreateGrant", "ScheduleKeyDeletion", "Decrypt");

  public AllowNotaction() {
    super(
        new RuleMetadata(
            Code.KP206,
            "Allow with NotAction",
            "An Allow statement uses `NotAction`: it grants every KMS action except the ones"
                + " listed, including administrative ones and any action AWS adds later.",
            "Excluding one action silently includes PutKeyPolicy (rewrite the policy), CreateGrant"
                + " (hand out use of the key) and ScheduleKeyDeletion.",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/App\"}, \"NotAction\": \"kms:Decrypt\","
                + " \"Resource\": \"*\"}",
            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::111122223333:role/App\"}, \"Action\": [\"kms:Encrypt\","
                + " \"kms:GenerateDataKey\"], \"Resource\": \"*\"}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || s.action() == null || !s.action().negated()) {
        continue;
      }
      List<String> included = new ArrayList<>();
      for (String a : DANGEROUS) {
        if (Actions.covers(ctx, s, a)) {
          included.add("`" + Actions.qualified(a) + "`");
        }
      }
      String message =
          "`NotAction` with `Allow` grants every KMS action except the ones listed"
              + (included.isEmpty() ? "" : ", including " + Actions.list(included, 3));
      out.accept(
          finding(
              ctx,
              s,
              s.action().span(),
              message,
              "list the actions the principals need in `Action` instead",
              null));
    }
  }
}
