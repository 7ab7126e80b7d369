package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The principals a statement lets perform an action: each of its subjects (a stand-in caller for
 * {@code *}) that the evaluator allows through that very statement, once per principal. The shared
 * core of the reachability rules (KP207, KP208, KP209).
 */
final class Reachers {
  private Reachers() {}

  /**
   * Calls {@code found} with each subject of {@code s}, other than those {@code skip} accepts, that
   * {@code s} allows to perform {@code action} in the {@code witness} context, and the probe that
   * shows it.
   */
  static void of(
      LintContext ctx,
      Statement s,
      String action,
      RequestContext witness,
      Predicate<Subject> skip,
      BiConsumer<Subject, Probe> found) {
    Set<Principal> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Subject subject : Subject.of(ctx, s)) {
      if (skip.test(subject) || reported.contains(subject.principal())) {
        continue;
      }
      Probe probe = Probe.ask(ctx, subject, action, witness);
      if (probe.allowedBy(s)) {
        reported.add(subject.principal());
        found.accept(subject, probe);
      }
    }
  }

  /** How findings name a subject: the caller, or {@code *} with the caller as its example. */
  static String who(Subject subject) {
    return subject.standIn()
        ? "`*` (for example `" + subject.caller() + "`)"
        : "`" + subject.caller() + "`";
  }
}
