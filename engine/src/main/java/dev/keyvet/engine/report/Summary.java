package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.Severity;
import java.util.List;

/** How many files a report covers and how many findings of each severity it holds. */
public record Summary(int files, long errors, long security, long warnings, long suggestions) {

  /** The counts of {@code reports}. */
  public static Summary of(List<FileReport> reports) {
    long[] n = new long[Severity.values().length];
    for (FileReport r : reports) {
      for (Severity s : Severity.values()) {
        n[s.ordinal()] += r.result().count(s);
      }
    }
    return new Summary(reports.size(), n[0], n[1], n[2], n[3]);
  }

  /** How many findings in all. */
  public long findings() {
    return errors + security + warnings + suggestions;
  }

  /** {@code 2 files, 1 error, 0 security, 3 warnings, 0 suggestions}. */
  public String line() {
    return plural(files, "file")
        + ", "
        + plural(errors, "error")
        + ", "
        + security
        + " security, "
        + plural(warnings, "warning")
        + ", "
        + plural(suggestions, "suggestion");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
