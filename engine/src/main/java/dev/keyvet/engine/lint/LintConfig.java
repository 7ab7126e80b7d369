package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the linter needs to know beyond the policy: whose key it is, which accounts and
 * organizations are trusted, who the declared key administrators are, and which rules run at which
 * severity.
 *
 * @param keyAccount the key's own account, or empty to infer it from the policy
 * @param trustedAccounts accounts allowed to use keys (the key account is always trusted)
 * @param trustedOrgIds organization IDs whose accounts are trusted
 * @param keyAdmins principal ARNs declared as key administrators
 * @param disabled codes of rules that do not run
 * @param severities severity overrides by code
 */
public record LintConfig(
    String keyAccount,
    Set<String> trustedAccounts,
    Set<String> trustedOrgIds,
    List<String> keyAdmins,
    Set<Code> disabled,
    Map<Code, Severity> severities) {

  /** No trust beyond the key's own account, every rule at its default severity. */
  public static final LintConfig DEFAULT = builder().build();

  public LintConfig {
    trustedAccounts = Set.copyOf(trustedAccounts);
    trustedOrgIds = Set.copyOf(trustedOrgIds);
    keyAdmins = List.copyOf(keyAdmins);
    disabled = Set.copyOf(disabled);
    severities = Map.copyOf(severities);
  }

  /** The severity findings of {@code code} are reported at. */
  public Severity severity(Code code) {
    return severities.getOrDefault(code, code.defaultSeverity());
  }

  /** True when the rule of {@code code} runs. */
  public boolean enabled(Code code) {
    return !disabled.contains(code);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a configuration. */
  public static final class Builder {
    private String keyAccount = "";
    private final Set<String> trustedAccounts = new LinkedHashSet<>();
    private final Set<String> trustedOrgIds = new LinkedHashSet<>();
    private final Set<String> keyAdmins = new LinkedHashSet<>();
    private final Set<Code> disabled = new LinkedHashSet<>();
    private final Map<Code, Severity> severities = new LinkedHashMap<>();

    public Builder keyAccount(String account) {
      this.keyAccount = account;
      return this;
    }

    public Builder trustAccount(String account) {
      trustedAccounts.add(account);
      return this;
    }

    public Builder trustOrg(String orgId) {
      trustedOrgIds.add(orgId);
      return this;
    }

    public Builder keyAdmin(String arn) {
      keyAdmins.add(arn);
      return this;
    }

    public Builder disable(Code code) {
      disabled.add(code);
      return this;
    }

    public Builder severity(Code code, Severity severity) {
      severities.put(code, severity);
      return this;
    }

    public LintConfig build() {
      return new LintConfig(
          keyAccount, trustedAccounts, trustedOrgIds, List.copyOf(keyAdmins), disabled, severities);
    }
  }
}
