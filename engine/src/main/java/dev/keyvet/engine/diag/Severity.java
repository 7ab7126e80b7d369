package dev.keyvet.engine.diag;

import java.util.Locale;

/**
 * How serious a diagnostic is, from most to least. {@code ERROR}: the policy is invalid or a
 * statement cannot work; {@code SECURITY}: it grants more than intended; {@code WARNING}: it works
 * but against best practice; {@code SUGGESTION}: hygiene.
 */
public enum Severity {
  ERROR,
  SECURITY,
  WARNING,
  SUGGESTION;

  /** The lower-case word used in reports, e.g. {@code error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as serious as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  /** Parses a report label such as {@code warning}; case-insensitive. */
  public static Severity fromLabel(String label) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown severity `" + label + "`");
  }
}
