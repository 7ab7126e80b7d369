package dev.keyvet.engine.eval;

/** The outcome of an authorization check, as AWS distinguishes it. */
public enum Decision {
  /** Some policy or grant allows the request and nothing denies it. */
  ALLOW,
  /** An applicable {@code Deny} statement refuses the request; nothing can override it. */
  EXPLICIT_DENY,
  /** Nothing allows the request (or a required link is missing). */
  IMPLICIT_DENY
}
