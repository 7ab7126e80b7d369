package dev.keyvet.engine.catalog;

import java.util.Locale;

/**
 * IAM action-name wildcard matching: case-insensitive, {@code *} matches any run of characters
 * (including none), {@code ?} exactly one character; every other character matches itself.
 */
final class Wildcard {
  private Wildcard() {}

  /** True when {@code text} matches the whole of {@code pattern}. */
  static boolean matches(String pattern, String text) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String t = text.toLowerCase(Locale.ROOT);
    int pi = 0;
    int ti = 0;
    int starAt = -1;
    int resumeAt = 0;
    while (ti < t.length()) {
      if (pi < p.length() && p.charAt(pi) == '*') {
        starAt = pi++;
        resumeAt = ti;
      } else if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
        pi++;
        ti++;
      } else if (starAt >= 0) {
        pi = starAt + 1;
        ti = ++resumeAt;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
