package dev.keyvet.engine.eval;

/** The kinds of identity that can sign a KMS request, with their {@code aws:PrincipalType}. */
public enum CallerType {
  ROOT("Account"),
  USER("User"),
  ROLE_SESSION("AssumedRole"),
  FEDERATED_USER("FederatedUser"),
  SERVICE("");

  private final String principalType;

  CallerType(String principalType) {
    this.principalType = principalType;
  }

  /** The value of {@code aws:PrincipalType} for this kind; empty for service principals. */
  public String principalType() {
    return principalType;
  }
}
