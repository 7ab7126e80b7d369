package dev.keyvet.engine.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A condition value interpreted under its operator's family. The reader produces exactly one
 * interpretation per value, so the linter (type errors) and the evaluator (typed comparison) share
 * one parse.
 */
public sealed interface TypedValue {

  /** A string or ARN pattern, possibly with policy variables. */
  record Str(Template template) implements TypedValue {
    public Str {
      Objects.requireNonNull(template, "template");
    }
  }

  /** A number, integer or decimal. */
  record Num(BigDecimal value) implements TypedValue {
    public Num {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A point in time, from an ISO 8601 date or epoch seconds. */
  record DateTime(Instant value) implements TypedValue {
    public DateTime {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements TypedValue {}

  /** Bytes given as base64; kept in canonical base64 so the record has value semantics. */
  record Bytes(String base64) implements TypedValue {
    public Bytes {
      Objects.requireNonNull(base64, "base64");
    }
  }

  /** An IPv4 or IPv6 address range. */
  record Ip(IpRange range) implements TypedValue {
    public Ip {
      Objects.requireNonNull(range, "range");
    }
  }

  /** The value of a {@code Null} test: true asks that the key be absent. */
  record NullCheck(boolean absent) implements TypedValue {}

  /** A value that does not parse for its operator; a condition holding one never matches. */
  record Invalid(String reason) implements TypedValue {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
