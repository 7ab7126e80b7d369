package dev.keyvet.engine.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelled one ("did you mean `kms:Decrypt`?"), by
 * optimal-string-alignment edit distance, ignoring case.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The candidate closest to {@code input}, if one is close enough to be a plausible typo: at most
   * a third of the input's length in edits (at least one, at most three). Ties go to the earlier
   * candidate, so callers control the order.
   */
  public static Optional<String> suggest(String input, Collection<String> candidates) {
    String needle = input.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, needle.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(needle, candidate.toLowerCase(Locale.ROOT), limit);
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A message suffix {@code "; did you mean `x`?"}, or empty when nothing is close. */
  public static String hint(String input, Collection<String> candidates) {
    return suggest(input, candidates).map(s -> "; did you mean `" + s + "`?").orElse("");
  }

  /**
   * Optimal string alignment distance (Levenshtein plus adjacent transposition), giving up early
   * with {@code limit + 1} once the distance must exceed {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] prev2 = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
