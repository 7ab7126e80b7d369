package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.read.ReadResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A policy compiled for evaluation: every statement pre-parsed ({@link CompiledStatement}) and
 * indexed by the catalogue actions it may cover, so a decision visits only the statements that can
 * apply. Immutable and thread-safe; compile once, evaluate many times.
 */
public final class CompiledPolicy implements PolicyMatcher {
  private final String name;
  private final PolicyKind kind;
  private final PolicyDocument document;
  private final List<Diagnostic> errors;
  private final CompiledStatement[] statements;
  private final int[][] byAction;
  private final int[] all;

  private CompiledPolicy(
      String name, PolicyKind kind, PolicyDocument document, List<Diagnostic> errors) {
    this.name = name;
    this.kind = kind;
    this.document = document;
    this.errors = List.copyOf(errors);
    List<Statement> list = document == null ? List.of() : document.statements();
    this.statements = new CompiledStatement[list.size()];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = new CompiledStatement(list.get(i), kind.hasPrincipals());
    }
    this.all = new int[statements.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int actions = KmsCatalog.get().actions().size();
    this.byAction = new int[actions][];
    int[] hits = new int[statements.length];
    for (int a = 0; a < actions; a++) {
      int n = 0;
      for (int i = 0; i < statements.length; i++) {
        if (!statements[i].inert && statements[i].coversActionIndex(a)) {
          hits[n++] = i;
        }
      }
      byAction[a] = n == 0 ? NONE : Arrays.copyOf(hits, n);
    }
  }

  private static final int[] NONE = new int[0];

  /**
   * Compiles what the reader produced. Error diagnostics that leave the policy's meaning in doubt
   * are kept as {@link #errors()}: the authorizer then refuses to allow anything (fail closed).
   */
  public static CompiledPolicy compile(String name, PolicyKind kind, ReadResult read) {
    Objects.requireNonNull(read, "read");
    List<Diagnostic> blocking = EvalErrors.blocking(read, kind);
    return new CompiledPolicy(name, kind, read.policy(), blocking);
  }

  /** Compiles a policy built in code; it is taken as valid. */
  public static CompiledPolicy compile(String name, PolicyKind kind, PolicyDocument document) {
    return new CompiledPolicy(name, kind, Objects.requireNonNull(document, "document"), List.of());
  }

  public String name() {
    return name;
  }

  public PolicyKind kind() {
    return kind;
  }

  @Override
  public PolicyDocument document() {
    return document;
  }

  /**
   * True when the policy names {@code conditionKey} anywhere in its text, in any case: as a
   * condition key or in a policy variable ({@code ${aws:CurrentTime}}). When it does not, no
   * decision under this policy depends on the key, so a caller may leave it out of requests.
   */
  public boolean mentions(String conditionKey) {
    String text = lowerText;
    if (text == null) {
      text =
          document == null
              ? null
              : dev.keyvet.engine.write.PolicyWriter.write(document).toLowerCase(Locale.ROOT);
      lowerText = text;
    }
    return text == null || text.contains(conditionKey.toLowerCase(Locale.ROOT));
  }

  /** The policy's text in lower case, made on the first {@link #mentions}. */
  private volatile String lowerText;

  /** The diagnostics that stop evaluation of this policy; empty for a usable policy. */
  public List<Diagnostic> errors() {
    return errors;
  }

  @Override
  public void applicable(EvalRequest r, MatchSink sink) {
    int[] candidates = r.actionIndex >= 0 ? byAction[r.actionIndex] : all;
    for (int i : candidates) {
      CompiledStatement s = statements[i];
      if (s.inert || !s.action(r)) {
        continue;
      }
      PrincipalMatch pm = s.principal(r);
      if (pm == PrincipalMatch.NONE || !s.resource(r) || !s.conditions(r)) {
        continue;
      }
      sink.accept(i, s.effect, pm);
    }
  }
}
