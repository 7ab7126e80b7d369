package dev.keyvet.engine.diag;

import java.util.Optional;

/**
 * The catalogue of diagnostic codes: one stable ID, a short name and a default severity each. IDs
 * never change meaning once shipped; gaps are left for additions. The checks behind the codes, with
 * their rationale and examples, are documented in {@code docs/rules.md}.
 */
public enum Code {
  KP001("KP001", "json-syntax", Severity.ERROR, Stage.READER),
  KP002("KP002", "duplicate-json-key", Severity.ERROR, Stage.READER),
  KP003("KP003", "policy-shape", Severity.ERROR, Stage.READER),
  KP004("KP004", "unknown-element", Severity.ERROR, Stage.READER),
  KP005("KP005", "missing-version", Severity.WARNING, Stage.READER),
  KP006("KP006", "bad-version", Severity.ERROR, Stage.READER),
  KP007("KP007", "effect-invalid", Severity.ERROR, Stage.READER),
  KP008("KP008", "principal-missing", Severity.ERROR, Stage.READER),
  KP009("KP009", "action-missing", Severity.ERROR, Stage.READER),
  KP010("KP010", "resource-missing", Severity.ERROR, Stage.READER),
  KP011("KP011", "empty-values", Severity.SUGGESTION, Stage.READER),
  KP012("KP012", "size-limit", Severity.ERROR, Stage.READER),
  KP013("KP013", "illegal-characters", Severity.ERROR, Stage.READER),
  KP014("KP014", "duplicate-sid", Severity.WARNING, Stage.LINTER),
  KP015("KP015", "unresolved-placeholder", Severity.WARNING, Stage.READER),
  KP101("KP101", "foreign-service-action", Severity.ERROR, Stage.CATALOGUE),
  KP102("KP102", "unknown-action", Severity.ERROR, Stage.CATALOGUE),
  KP104("KP104", "non-key-action", Severity.WARNING, Stage.LINTER),
  KP105("KP105", "action-case", Severity.SUGGESTION, Stage.CATALOGUE),
  KP106("KP106", "resource-foreign-arn", Severity.ERROR, Stage.READER),
  KP107("KP107", "resource-not-star", Severity.WARNING, Stage.LINTER),
  KP108("KP108", "notresource-used", Severity.WARNING, Stage.LINTER),
  KP109("KP109", "principal-format", Severity.ERROR, Stage.READER),
  KP110("KP110", "principal-partial-wildcard", Severity.ERROR, Stage.READER),
  KP112("KP112", "unknown-condition-key", Severity.ERROR, Stage.CATALOGUE),
  KP113("KP113", "key-not-supported-by-action", Severity.WARNING, Stage.LINTER),
  KP114("KP114", "unknown-operator", Severity.ERROR, Stage.READER),
  KP115("KP115", "operator-type-mismatch", Severity.WARNING, Stage.LINTER),
  KP116("KP116", "bad-condition-value", Severity.ERROR, Stage.READER),
  KP117("KP117", "wildcard-without-like", Severity.WARNING, Stage.LINTER),
  KP119("KP119", "set-operator-misuse", Severity.SECURITY, Stage.LINTER),
  KP120("KP120", "variable-misuse", Severity.ERROR, Stage.READER),
  KP121("KP121", "redundant-action", Severity.SUGGESTION, Stage.LINTER),
  KP201("KP201", "public-principal", Severity.SECURITY, Stage.LINTER),
  KP202("KP202", "weak-star-guard", Severity.SECURITY, Stage.LINTER),
  KP203("KP203", "external-account", Severity.SECURITY, Stage.LINTER),
  KP204("KP204", "external-admin", Severity.SECURITY, Stage.LINTER),
  KP205("KP205", "allow-notprincipal", Severity.SECURITY, Stage.LINTER),
  KP206("KP206", "allow-notaction", Severity.SECURITY, Stage.LINTER),
  KP207("KP207", "unconstrained-grant-creation", Severity.SECURITY, Stage.LINTER),
  KP208("KP208", "policy-rewrite-escalation", Severity.SECURITY, Stage.LINTER),
  KP209("KP209", "lockout-bypass-allowed", Severity.WARNING, Stage.LINTER),
  KP210("KP210", "lockout-no-manager", Severity.ERROR, Stage.LINTER),
  KP211("KP211", "lockout-fragile-manager", Severity.WARNING, Stage.LINTER),
  KP212("KP212", "iam-delegation-missing", Severity.WARNING, Stage.LINTER),
  KP213("KP213", "service-principal-unscoped", Severity.SECURITY, Stage.LINTER),
  KP214("KP214", "kms-star-to-identity", Severity.WARNING, Stage.LINTER),
  KP215("KP215", "verb-wildcard-drift", Severity.WARNING, Stage.LINTER),
  KP216("KP216", "destructive-ops-unguarded", Severity.WARNING, Stage.LINTER),
  KP217("KP217", "deny-breaks-services", Severity.WARNING, Stage.LINTER),
  KP218("KP218", "cross-account-unscoped-use", Severity.SUGGESTION, Stage.LINTER),
  KP301("KP301", "separation-of-duties", Severity.WARNING, Stage.LINTER),
  KP302("KP302", "rotation-disabled", Severity.WARNING, Stage.LINTER),
  KP303("KP303", "iac-key-settings", Severity.SUGGESTION, Stage.LINTER),
  KP305("KP305", "reserved-alias", Severity.ERROR, Stage.LINTER),
  KP306("KP306", "missing-sid", Severity.SUGGESTION, Stage.LINTER),
  KP401("KP401", "redundant-statement", Severity.SUGGESTION, Stage.LINTER),
  KP404("KP404", "shadowed-allow", Severity.WARNING, Stage.LINTER),
  KP405("KP405", "subsumed-allow", Severity.SUGGESTION, Stage.LINTER),
  KP406("KP406", "unsatisfiable-condition", Severity.WARNING, Stage.LINTER),

  // The scenario and query language (docs/language.md).
  KV001("KV001", "syntax-error", Severity.ERROR, Stage.LANGUAGE),
  KV002("KV002", "unknown-name", Severity.ERROR, Stage.LANGUAGE),
  KV003("KV003", "duplicate-name", Severity.ERROR, Stage.LANGUAGE),
  KV004("KV004", "invalid-value", Severity.ERROR, Stage.LANGUAGE),
  KV005("KV005", "unreadable-file", Severity.ERROR, Stage.LANGUAGE),
  KV006("KV006", "misplaced", Severity.ERROR, Stage.LANGUAGE);

  private final String id;
  private final String ruleName;
  private final Severity defaultSeverity;
  private final Stage stage;

  Code(String id, String ruleName, Severity defaultSeverity, Stage stage) {
    this.id = id;
    this.ruleName = ruleName;
    this.defaultSeverity = defaultSeverity;
    this.stage = stage;
  }

  /** Which stage of keyvet finds problems of this code. */
  public enum Stage {
    /** The policy reader, while building the model ({@code keyvet validate}). */
    READER,
    /** The KMS catalogue checks ({@code keyvet validate}). */
    CATALOGUE,
    /** The linter's semantic checks. */
    LINTER,
    /** The scenario and query language ({@code keyvet can}, {@code who-can}, {@code test}). */
    LANGUAGE
  }

  /** True for the codes of policy checks (the reader, the catalogue and the linter). */
  public boolean policyCheck() {
    return stage != Stage.LANGUAGE;
  }

  /** Which stage of keyvet finds problems of this code. */
  public Stage stage() {
    return stage;
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
