package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a lint run fail when the caller overrides the settings' {@code failOn}: findings at
 * least as serious as a severity, and findings with one of some codes whatever their severity.
 *
 * @param severity the least serious severity that fails (null: none by severity)
 * @param codes codes that fail whatever their severity
 */
public record FailOn(Severity severity, Set<Code> codes) {
  public FailOn {
    codes = Set.copyOf(codes);
  }

  /**
   * Parses a comma-separated list of severities ({@code error}, {@code security}, {@code warning},
   * {@code suggestion}) and codes, as {@code security} or {@code KP201,KP207} or {@code
   * error,KP210}. With several severities the least serious one counts, as in {@code keyvet.yaml}.
   *
   * @throws IllegalArgumentException naming the item that is neither a severity nor a code
   */
  public static FailOn parse(String spec) {
    Severity severity = null;
    Set<Code> codes = new LinkedHashSet<>();
    for (String raw : (spec == null ? "" : spec).split(",", -1)) {
      String item = raw.strip();
      Optional<Severity> s = severity(item);
      if (s.isPresent()) {
        severity = severity == null || severity.atLeast(s.get()) ? s.get() : severity;
        continue;
      }
      Code code =
          Code.find(item)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "`"
                              + item
                              + "` is neither a severity (error, security, warning, suggestion)"
                              + " nor a code"));
      codes.add(code);
    }
    return new FailOn(severity, codes);
  }

  /** {@code settings} with this threshold instead of their own. */
  public LintSettings applyTo(LintSettings settings) {
    return settings.withFailOn(severity, codes);
  }

  private static Optional<Severity> severity(String item) {
    for (Severity s : Severity.values()) {
      if (s.label().equalsIgnoreCase(item)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
