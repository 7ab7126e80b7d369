package dev.keyvet.engine.eval;

/** The roles a policy plays in a KMS authorization. */
public enum PolicyKind {
  KEY_POLICY("key policy"),
  IDENTITY("identity policy"),
  PERMISSIONS_BOUNDARY("permissions boundary"),
  SESSION_POLICY("session policy"),
  SCP("service control policy"),
  RCP("resource control policy");

  private final String label;

  PolicyKind(String label) {
    this.label = label;
  }

  /** How messages name it, e.g. {@code key policy}. */
  public String label() {
    return label;
  }

  /** True for the kinds whose statements name principals. */
  public boolean hasPrincipals() {
    return this == KEY_POLICY || this == RCP;
  }
}
