package dev.keyvet.engine.diag;

import java.util.Objects;

/**
 * One thing keyvet says about a policy.
 *
 * <p>Messages follow one style: lower case, no final period, user input in backticks, one line.
 * Longer advice goes in {@code help}, which is empty when there is none.
 *
 * @param code the stable code, e.g. {@code KP004}
 * @param severity how serious it is; usually the code's default
 * @param message what is wrong, in one line
 * @param help how to fix it, or empty
 * @param span where it is
 */
public record Diagnostic(Code code, Severity severity, String message, String help, SourceSpan span)
    implements Comparable<Diagnostic> {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(span, "span");
  }

  /** A diagnostic with the code's default severity and no help. */
  public static Diagnostic of(Code code, SourceSpan span, String message) {
    return new Diagnostic(code, code.defaultSeverity(), message, "", span);
  }

  /** This diagnostic with help text. */
  public Diagnostic withHelp(String newHelp) {
    return new Diagnostic(code, severity, message, newHelp, span);
  }

  /** This diagnostic with another severity. */
  public Diagnostic withSeverity(Severity newSeverity) {
    return new Diagnostic(code, newSeverity, message, help, span);
  }

  /** True for {@link Severity#ERROR}. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: severity CODE message}, the one-line form used by every text report. */
  public String render() {
    return span.location() + ": " + severity.label() + " " + code.id() + " " + message;
  }

  /** Orders by file, line, column, then code: the order reports print in. */
  @Override
  public int compareTo(Diagnostic o) {
    int c = span.file().compareTo(o.span.file());
    if (c == 0) {
      c = Integer.compare(span.line(), o.span.line());
    }
    if (c == 0) {
      c = Integer.compare(span.column(), o.span.column());
    }
    if (c == 0) {
      c = code.compareTo(o.code);
    }
    return c == 0 ? message.compareTo(o.message) : c;
  }

  @Override
  public String toString() {
    return render();
  }
}
