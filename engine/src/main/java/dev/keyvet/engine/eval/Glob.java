package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Template;
import java.util.BitSet;

/**
 * An IAM wildcard pattern in which some characters are literal: {@code *} and {@code ?} written in
 * the policy are wildcards, while those from an escape ({@code ${*}}) or a substituted variable
 * match only themselves. Case-sensitive. Immutable.
 */
final class Glob {
  private final String pattern;
  private final BitSet literal;

  private Glob(String pattern, BitSet literal) {
    this.pattern = pattern;
    this.literal = literal;
  }

  /** A glob whose {@code *} and {@code ?} are all wildcards. */
  static Glob of(String pattern) {
    return new Glob(pattern, null);
  }

  /**
   * The glob of a template: literal parts keep their wildcards, escapes are literal, and each
   * variable is replaced by {@code values[i]} (its i-th variable's value) as literal text.
   */
  static Glob of(Template template, String[] values) {
    StringBuilder sb = new StringBuilder();
    BitSet literal = null;
    int v = 0;
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Literal l) {
        sb.append(l.text());
      } else {
        String text =
            part instanceof Template.Escaped e ? String.valueOf(e.character()) : values[v++];
        if (literal == null) {
          literal = new BitSet();
        }
        literal.set(sb.length(), sb.length() + text.length());
        sb.append(text);
      }
    }
    return new Glob(sb.toString(), literal);
  }

  /** The pattern text, for messages. */
  String text() {
    return pattern;
  }

  /** True when it holds no wildcard: it then matches exactly one string. */
  boolean isExact() {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if ((c == '*' || c == '?') && !isLiteral(i)) {
        return false;
      }
    }
    return true;
  }

  /** The sub-pattern from {@code start} to {@code end}. */
  Glob slice(int start, int end) {
    return new Glob(
        pattern.substring(start, end), literal == null ? null : literal.get(start, end));
  }

  private boolean isLiteral(int i) {
    return literal != null && literal.get(i);
  }

  /** True when the whole of {@code text} matches. */
  boolean matches(String text) {
    return matches(text, 0, text.length());
  }

  /** True when characters {@code from} to {@code to} (exclusive) of {@code text} match. */
  boolean matches(String text, int from, int to) {
    int pi = 0;
    int ti = from;
    int starAt = -1;
    int resumeAt = 0;
    int plen = pattern.length();
    int tlen = to;
    while (ti < tlen) {
      char pc = pi < plen ? pattern.charAt(pi) : 0;
      boolean wild = pi < plen && !isLiteral(pi);
      if (pi < plen && pc == '*' && wild) {
        starAt = pi++;
        resumeAt = ti;
      } else if (pi < plen && ((pc == '?' && wild) || pc == text.charAt(ti))) {
        pi++;
        ti++;
      } else if (starAt >= 0) {
        pi = starAt + 1;
        ti = ++resumeAt;
      } else {
        return false;
      }
    }
    while (pi < plen && pattern.charAt(pi) == '*' && !isLiteral(pi)) {
      pi++;
    }
    return pi == plen;
  }
}
