package dev.keyvet.engine.eval;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.ReadResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which errors stop evaluation. Most errors leave a policy's meaning in doubt (KMS would reject
 * it), so evaluation fails closed on them. A few have a meaning AWS defines, and evaluation
 * proceeds with it: a statement without Action or Resource never applies (KP009, KP010); a resource
 * that is not this key never matches (KP106); an unknown condition key is absent (KP112); unknown
 * actions match nothing (KP101, KP102); size and character limits change nothing (KP012, KP013).
 */
final class EvalErrors {
  private EvalErrors() {}

  private static final Set<Code> DEFINED =
      EnumSet.of(
          Code.KP009,
          Code.KP010,
          Code.KP012,
          Code.KP013,
          Code.KP101,
          Code.KP102,
          Code.KP106,
          Code.KP112);

  /**
   * The errors of {@code read} that stop evaluation of a policy of {@code kind}. Identity policies,
   * boundaries, session policies and SCPs name no principal, so the reader's missing-principal
   * error does not apply to them.
   */
  static List<Diagnostic> blocking(ReadResult read, PolicyKind kind) {
    List<Diagnostic> out = new ArrayList<>();
    if (read.policy() == null || read.policy().fragment()) {
      out.addAll(read.diagnostics().stream().filter(Diagnostic::isError).toList());
      return out;
    }
    for (Diagnostic d : read.diagnostics()) {
      boolean principalNotNeeded = d.code() == Code.KP008 && !kind.hasPrincipals();
      if (d.isError() && !DEFINED.contains(d.code()) && !principalNotNeeded) {
        out.add(d);
      }
    }
    return out;
  }
}
