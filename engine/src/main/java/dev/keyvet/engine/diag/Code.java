package dev.keyvet.engine.diag;

import java.util.Optional;

/**
 * The catalogue of diagnostic codes: one stable ID, a short name and a default severity each. IDs
 * never change meaning once shipped; gaps are left for additions. The checks behind the codes, with
 * their rationale and examples, are documented in {@code docs/rules.md}.
 */
public enum Code {
  KP001("KP001", "json-syntax", Severity.ERROR),
  KP002("KP002", "duplicate-json-key", Severity.ERROR),
  KP003("KP003", "policy-shape", Severity.ERROR),
  KP004("KP004", "unknown-element", Severity.ERROR),
  KP005("KP005", "missing-version", Severity.WARNING),
  KP006("KP006", "bad-version", Severity.ERROR),
  KP007("KP007", "effect-invalid", Severity.ERROR),
  KP008("KP008", "principal-missing", Severity.ERROR),
  KP009("KP009", "action-missing", Severity.ERROR),
  KP010("KP010", "resource-missing", Severity.ERROR),
  KP011("KP011", "empty-values", Severity.SUGGESTION),
  KP012("KP012", "size-limit", Severity.ERROR),
  KP013("KP013", "illegal-characters", Severity.ERROR),
  KP014("KP014", "duplicate-sid", Severity.WARNING),
  KP015("KP015", "unresolved-placeholder", Severity.WARNING),
  KP101("KP101", "foreign-service-action", Severity.ERROR),
  KP102("KP102", "unknown-action", Severity.ERROR),
  KP104("KP104", "non-key-action", Severity.WARNING),
  KP105("KP105", "action-case", Severity.SUGGESTION),
  KP106("KP106", "resource-foreign-arn", Severity.ERROR),
  KP107("KP107", "resource-not-star", Severity.WARNING),
  KP108("KP108", "notresource-used", Severity.WARNING),
  KP109("KP109", "principal-format", Severity.ERROR),
  KP110("KP110", "principal-partial-wildcard", Severity.ERROR),
  KP112("KP112", "unknown-condition-key", Severity.ERROR),
  KP113("KP113", "key-not-supported-by-action", Severity.WARNING),
  KP114("KP114", "unknown-operator", Severity.ERROR),
  KP115("KP115", "operator-type-mismatch", Severity.WARNING),
  KP116("KP116", "bad-condition-value", Severity.ERROR),
  KP117("KP117", "wildcard-without-like", Severity.WARNING),
  KP119("KP119", "set-operator-misuse", Severity.SECURITY),
  KP120("KP120", "variable-misuse", Severity.ERROR),
  KP121("KP121", "redundant-action", Severity.SUGGESTION),
  KP201("KP201", "public-principal", Severity.SECURITY),
  KP202("KP202", "weak-star-guard", Severity.SECURITY),
  KP203("KP203", "external-account", Severity.SECURITY),
  KP204("KP204", "external-admin", Severity.SECURITY),
  KP205("KP205", "allow-notprincipal", Severity.SECURITY),
  KP206("KP206", "allow-notaction", Severity.SECURITY),
  KP207("KP207", "unconstrained-grant-creation", Severity.SECURITY),
  KP208("KP208", "policy-rewrite-escalation", Severity.SECURITY),
  KP209("KP209", "lockout-bypass-allowed", Severity.WARNING),
  KP210("KP210", "lockout-no-manager", Severity.ERROR),
  KP211("KP211", "lockout-fragile-manager", Severity.WARNING),
  KP212("KP212", "iam-delegation-missing", Severity.WARNING),
  KP213("KP213", "service-principal-unscoped", Severity.SECURITY),
  KP214("KP214", "kms-star-to-identity", Severity.WARNING),
  KP215("KP215", "verb-wildcard-drift", Severity.WARNING),
  KP216("KP216", "destructive-ops-unguarded", Severity.WARNING),
  KP217("KP217", "deny-breaks-services", Severity.WARNING),
  KP218("KP218", "cross-account-unscoped-use", Severity.SUGGESTION),
  KP301("KP301", "separation-of-duties", Severity.WARNING),
  KP302("KP302", "rotation-disabled", Severity.WARNING),
  KP303("KP303", "iac-key-settings", Severity.SUGGESTION),
  KP305("KP305", "reserved-alias", Severity.ERROR),
  KP306("KP306", "missing-sid", Severity.SUGGESTION),
  KP401("KP401", "redundant-statement", Severity.SUGGESTION),
  KP404("KP404", "shadowed-allow", Severity.WARNING),
  KP405("KP405", "subsumed-allow", Severity.SUGGESTION),
  KP406("KP406", "unsatisfiable-condition", Severity.WARNING);

  private final String id;
  private final String ruleName;
  private final Severity defaultSeverity;

  Code(String id, String ruleName, Severity defaultSeverity) {
    this.id = id;
    this.ruleName = ruleName;
    this.defaultSeverity = defaultSeverity;
  }

  /** The stable ID, e.g. {@code KP004}. */
  public String id() {
    return id;
  }

  /** The short kebab-case name, e.g. {@code unknown-element}. */
  public String ruleName() {
    return ruleName;
  }

  /** The severity a diagnostic of this code has unless configuration says otherwise. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The code with this ID or name, case-insensitive. */
  public static Optional<Code> find(String idOrName) {
    for (Code c : values()) {
      if (c.id.equalsIgnoreCase(idOrName) || c.ruleName.equalsIgnoreCase(idOrName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
