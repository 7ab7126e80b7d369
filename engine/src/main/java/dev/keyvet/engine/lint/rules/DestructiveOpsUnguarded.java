package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ActionSet;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP216: {@code kms:ScheduleKeyDeletion}, {@code kms:DisableKey} or {@code
 * kms:DeleteImportedKeyMaterial} reachable by a principal other than the key account's root and the
 * configured key administrators; or, for a configured administrator, deletion scheduled with the
 * shortest waiting period because no {@code kms:ScheduleKeyDeletionPendingWindowInDays} floor
 * applies. While no administrators are configured, the principals of a statement that administers
 * the key without using it (the console's "key administrators" statement) are taken to be its
 * administrators, so that only principals that can also use the key, or that are reached through
 * {@code *}, are reported.
 */
public final class DestructiveOpsUnguarded extends EvaluatorRule {
  static final String WINDOW = "kms:ScheduleKeyDeletionPendingWindowInDays";

  public DestructiveOpsUnguarded() {
    super(
        new RuleMetadata(
            Code.KP216,
            "Destructive operations unguarded",
            "A principal other than the key account's root and the configured key administrators"
                + " can call `kms:ScheduleKeyDeletion`, `kms:DisableKey` or"
                + " `kms:DeleteImportedKeyMaterial`; or a configured administrator can schedule"
                + " deletion with a 7-day waiting period because no"
                + " `kms:ScheduleKeyDeletionPendingWindowInDays` floor applies. Without configured"
                + " `keyAdmins`, the principals of a statement that administers the key but cannot"
                + " use it are taken as its administrators.",
            "Deleting or disabling the key makes all data encrypted under it unreadable: it is the"
                + " ransom and sabotage path, and should be open to as few principals as possible"
                + " with the longest waiting period.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/App\"}, \"Action\":"
                + " \"kms:*\", \"Resource\": \"*\"}",
            "{\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/KeyAdmin\"}, \"Action\":"
                + " \"kms:ScheduleKeyDeletion\", \"Resource\": \"*\", \"Condition\":"
                + " {\"NumericGreaterThanEquals\":"
                + " {\"kms:ScheduleKeyDeletionPendingWindowInDays\": \"30\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    Set<Statement> destructive = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String action : Actions.DESTRUCTIVE) {
      destructive.addAll(Actions.allowing(ctx, policy, action));
    }
    for (Statement s : policy.statements()) {
      if (!destructive.contains(s)) {
        continue;
      }
      Set<Principal> reported = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Subject subject : Subject.of(ctx, s)) {
        Principal p = subject.principal();
        if (Subject.isKeyRoot(ctx, p) || reported.contains(p)) {
          continue;
        }
        if (ctx.config().keyAdmins().isEmpty() && !subject.standIn() && administersOnly(ctx, s)) {
          continue;
        }
        Finding f =
            !subject.standIn() && Admins.declared(ctx, p)
                ? noFloor(ctx, s, subject)
                : reachable(ctx, s, subject);
        if (f != null) {
          reported.add(p);
          out.accept(f);
        }
      }
    }
  }

  /** True when {@code s} gives administration of the key but no cryptographic use of it. */
  private static boolean administersOnly(LintContext ctx, Statement s) {
    return !Actions.covered(ctx, s).intersects(USE);
  }

  private static final ActionSet USE =
      KmsCatalog.get().actionSet(a -> Actions.USE.contains(a.name()));

  /** The destructive actions {@code subject} gets from {@code s}, as a finding, or null. */
  private Finding reachable(LintContext ctx, Statement s, Subject subject) {
    RequestContext witness = Witness.of(ctx, s);
    List<String> names = new ArrayList<>();
    Probe first = null;
    for (String action : Actions.DESTRUCTIVE) {
      if (!Actions.covers(ctx, s, action)) {
        continue;
      }
      Probe probe = Probe.ask(ctx, subject, action, witness);
      if (probe.allowedBy(s)) {
        names.add("`" + Actions.qualified(action) + "`");
        first = first == null ? probe : first;
      }
    }
    if (first == null) {
      return null;
    }
    String who =
        subject.standIn()
            ? "`*` (for example `" + subject.caller() + "`)"
            : "`" + subject.caller() + "`";
    return finding(
        ctx,
        s,
        subject.principal().span(),
        who + " can call " + Actions.list(names, 2) + " but is not a declared key administrator",
        "leave deleting and disabling the key to declared key administrators (configure them),"
            + " and require a long waiting period with `"
            + WINDOW
            + "`",
        first.evidence());
  }

  /** A finding when a declared administrator can schedule deletion in 7 days, or null. */
  private Finding noFloor(LintContext ctx, Statement s, Subject subject) {
    if (!Actions.covers(ctx, s, "ScheduleKeyDeletion")) {
      return null;
    }
    RequestContext witness =
        Witness.of(s, k -> !k.equals(WINDOW.toLowerCase(java.util.Locale.ROOT))).toBuilder()
            .put(WINDOW, "7")
            .build();
    Probe probe = Probe.ask(ctx, subject, "ScheduleKeyDeletion", witness);
    if (!probe.allowedBy(s)) {
      return null;
    }
    return finding(
        ctx,
        s,
        subject.principal().span(),
        "`"
            + subject.caller()
            + "` can schedule deletion of this key with a 7-day waiting period; no `"
            + WINDOW
            + "` floor applies",
        "add `\"NumericGreaterThanEquals\": {\"" + WINDOW + "\": \"30\"}` to the statement",
        probe.evidence());
  }
}
