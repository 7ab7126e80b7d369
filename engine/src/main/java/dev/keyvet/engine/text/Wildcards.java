package dev.keyvet.engine.text;

/**
 * IAM wildcard matching: {@code *} matches any run of characters (including none, and including
 * {@code /} and {@code :}), {@code ?} exactly one character, every other character itself. Linear
 * in the common case, never recursive.
 */
public final class Wildcards {
  private Wildcards() {}

  /** True when the whole of {@code text} matches {@code pattern}. */
  public static boolean matches(String pattern, String text, boolean ignoreCase) {
    int pi = 0;
    int ti = 0;
    int starAt = -1;
    int resumeAt = 0;
    int plen = pattern.length();
    int tlen = text.length();
    while (ti < tlen) {
      if (pi < plen && pattern.charAt(pi) == '*') {
        starAt = pi++;
        resumeAt = ti;
      } else if (pi < plen
          && (pattern.charAt(pi) == '?' || same(pattern.charAt(pi), text.charAt(ti), ignoreCase))) {
        pi++;
        ti++;
      } else if (starAt >= 0) {
        pi = starAt + 1;
        ti = ++resumeAt;
      } else {
        return false;
      }
    }
    while (pi < plen && pattern.charAt(pi) == '*') {
      pi++;
    }
    return pi == plen;
  }

  /** True when {@code s} holds {@code *} or {@code ?}. */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) {
      return true;
    }
    return ignoreCase
        && (Character.toLowerCase(a) == Character.toLowerCase(b)
            || Character.toUpperCase(a) == Character.toUpperCase(b));
  }
}
