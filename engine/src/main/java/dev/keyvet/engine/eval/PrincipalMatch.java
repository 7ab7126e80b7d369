package dev.keyvet.engine.eval;

/** How a statement's principal element covers the caller. */
enum PrincipalMatch {
  /** It does not: the statement does not apply. */
  NONE,
  /** The statement has no principal element (identity policies, SCPs): it applies to the caller. */
  IMPLICIT,
  /** {@code "*"}: everyone, directly. */
  ANY,
  /**
   * The caller's account principal: the account root, and a delegation to its identity policies.
   */
  ACCOUNT,
  /** The caller's own user, session or federated-user ARN: a direct grant, not capped. */
  EXACT,
  /**
   * The caller's role ARN: a direct grant to every session, capped by boundary and session policy.
   */
  ROLE,
  /** The caller's service principal. */
  SERVICE,
  /** A {@code NotPrincipal} that does not exempt the caller (Deny statements only). */
  NOT_EXEMPT;

  /** True for direct grants that no boundary or session policy caps. */
  boolean uncapped() {
    return this == ANY || this == EXACT || this == SERVICE;
  }
}
