package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.Objects;

/** A string value as written in the policy, with where it was written. */
public record Text(String value, SourceSpan span) {
  public Text {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(span, "span");
  }

  /** A text built in code, with no source. */
  public static Text of(String value) {
    return new Text(value, SourceSpan.NONE);
  }
}
