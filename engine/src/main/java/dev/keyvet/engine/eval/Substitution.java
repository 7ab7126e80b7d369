package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Template;

/** Policy variables replaced by the request's values. */
final class Substitution {
  private Substitution() {}

  /**
   * The values of {@code t}'s variables in order, each the request's single value for the key or
   * the variable's default; null when one has neither (the template then matches nothing).
   */
  static String[] values(Template t, EvalRequest r) {
    String[] out = new String[t.parts().size()];
    int n = 0;
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Variable v) {
        String value = r.variable(v.key());
        if (value == null) {
          value = v.defaultValue();
        }
        if (value == null) {
          return null;
        }
        out[n++] = value;
      }
    }
    return out;
  }

  /** The ARN glob of a resource template under {@code r}, or null. */
  static ArnGlob arnGlob(Template t, EvalRequest r) {
    String[] values = values(t, r);
    return values == null ? null : ArnGlob.of(Glob.of(t, values));
  }
}
