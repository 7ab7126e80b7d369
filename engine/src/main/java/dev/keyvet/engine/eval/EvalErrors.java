package dev.keyvet.engine.eval;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.TypedValue;
import dev.keyvet.engine.read.ReadResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which errors stop evaluation. Most errors leave a policy's meaning in doubt (KMS would reject
 * it), so evaluation fails closed on them. A few have a meaning AWS defines, and evaluation
 * proceeds with it: a statement without Action or Resource never applies (KP009, KP010); a resource
 * that is not this key never matches (KP106); an unknown condition key is absent (KP112); unknown
 * actions match nothing (KP101, KP102); size and character limits change nothing (KP012, KP013); a
 * policy variable under a version without variables is literal text (KP120). A misuse of variables
 * that leaves a condition value without meaning stays blocking: the value is kept as {@link
 * TypedValue.Invalid} and any such value blocks.
 *
 * <p>Key policies are also held to what KMS itself rejects when a policy is set: {@code
 * ForAllValues} on {@code kms:EncryptionContext:*} or {@code aws:RequestTag/*}
 * (OverlyPermissiveCondition).
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
          Code.KP112,
          Code.KP120);

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
    Set<SourceSpan> deleted = deletedPrincipals(read);
    for (Diagnostic d : read.diagnostics()) {
      boolean principalNotNeeded = d.code() == Code.KP008 && !kind.hasPrincipals();
      boolean deletedPrincipal = d.code() == Code.KP109 && deleted.contains(d.span());
      if (d.isError() && !DEFINED.contains(d.code()) && !principalNotNeeded && !deletedPrincipal) {
        out.add(d);
      }
    }
    for (Statement s : read.policy().statements()) {
      if (!kind.hasPrincipals() && s.principal() != null) {
        out.add(
            Diagnostic.of(
                    Code.KP003,
                    s.principal().span(),
                    "a "
                        + kind.label()
                        + " names no principal; IAM rejects `"
                        + s.principal().elementName()
                        + "` here")
                .withHelp("the policy applies to whoever it is attached to"));
      }
      for (Condition c : s.conditions()) {
        for (ConditionValue v : c.values()) {
          if (v.typed() instanceof TypedValue.Invalid invalid) {
            Diagnostic d = reported(read, v.span());
            d = d != null ? d : Diagnostic.of(Code.KP116, v.span(), invalid.reason());
            if (!out.contains(d)) {
              out.add(d);
            }
          }
        }
        if (kind == PolicyKind.KEY_POLICY && overlyPermissive(c)) {
          out.add(
              Diagnostic.of(
                      Code.KP119,
                      c.span(),
                      "KMS rejects `ForAllValues` on `"
                          + c.key().value()
                          + "` in a key policy (OverlyPermissiveCondition)")
                  .withSeverity(Severity.ERROR)
                  .withHelp(
                      "it would pass requests without the key; use a plain operator, or ForAnyValue"));
        }
      }
    }
    return out;
  }

  /** Where the policy names deleted principals by their unique IDs. */
  private static Set<SourceSpan> deletedPrincipals(ReadResult read) {
    Set<SourceSpan> out = new HashSet<>();
    for (Statement s : read.policy().statements()) {
      if (s.principal() != null) {
        for (Principal p : s.principal().principals()) {
          if (p instanceof Principal.Invalid bad && DeletedPrincipals.isUniqueId(bad.text())) {
            out.add(p.span());
          }
        }
      }
    }
    return out;
  }

  /** The reader's error diagnostic at {@code span}, if it reported one. */
  private static Diagnostic reported(ReadResult read, dev.keyvet.engine.diag.SourceSpan span) {
    for (Diagnostic d : read.diagnostics()) {
      if (d.isError() && d.span().equals(span)) {
        return d;
      }
    }
    return null;
  }

  private static boolean overlyPermissive(Condition c) {
    String key = c.key().value().toLowerCase(Locale.ROOT);
    return c.operator().qualifier() == SetQualifier.FOR_ALL_VALUES
        && (key.startsWith("kms:encryptioncontext:") || key.startsWith("aws:requesttag/"));
  }
}
