package dev.keyvet.engine.eval;

/**
 * An ARN pattern as {@code ArnLike} and {@code Resource} match it: the six colon-separated parts
 * are matched separately, so a wildcard never crosses a colon, except in the last part (the
 * resource), which keeps any further colons. A pattern without six parts matches nothing but, if it
 * is the bare {@code *}, everything.
 */
final class ArnGlob {
  private final Glob[] parts;
  private final Glob whole;

  private ArnGlob(Glob[] parts, Glob whole) {
    this.parts = parts;
    this.whole = whole;
  }

  /**
   * The pattern. One without six parts matches no ARN, since every part must be written (if only as
   * {@code *}); the bare {@code *} alone matches every ARN.
   */
  static ArnGlob of(Glob glob) {
    String text = glob.text();
    int[] colons = colons(text);
    if (colons == null) {
      return new ArnGlob(null, glob);
    }
    Glob[] parts = new Glob[6];
    int from = 0;
    for (int i = 0; i < 5; i++) {
      parts[i] = glob.slice(from, colons[i]);
      from = colons[i] + 1;
    }
    parts[5] = glob.slice(from, text.length());
    return new ArnGlob(parts, glob);
  }

  boolean matches(String arn) {
    if (parts == null) {
      return whole.text().equals("*") && whole.matches(arn);
    }
    int[] colons = colons(arn);
    if (colons == null) {
      return false;
    }
    int from = 0;
    for (int i = 0; i < 5; i++) {
      if (!parts[i].matches(arn, from, colons[i])) {
        return false;
      }
      from = colons[i] + 1;
    }
    return parts[5].matches(arn, from, arn.length());
  }

  private static int[] colons(String s) {
    int[] at = new int[5];
    int from = 0;
    for (int i = 0; i < 5; i++) {
      int c = s.indexOf(':', from);
      if (c < 0) {
        return null;
      }
      at[i] = c;
      from = c + 1;
    }
    return at;
  }
}
