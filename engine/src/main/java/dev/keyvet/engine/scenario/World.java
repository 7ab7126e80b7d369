package dev.keyvet.engine.scenario;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.read.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario, resolved: accounts with their organization placement and attached SCPs and RCPs, IAM
 * users, roles and sessions with their policies and tags, and KMS keys with their policies,
 * aliases, tags, grants and replicas, with the problems found while loading it (errors make the
 * world unusable for decisions). Immutable; built by {@link ScenarioLoader}.
 */
public final class World {
  private final List<Account> accounts;
  private final List<Identity> identities;
  private final List<Key> keys;
  private final List<Diagnostic> diagnostics;
  private final java.util.Map<String, Account> accountsById = new java.util.HashMap<>();

  public World(
      List<Account> accounts,
      List<Identity> identities,
      List<Key> keys,
      List<Diagnostic> diagnostics) {
    this.accounts = List.copyOf(accounts);
    this.identities = List.copyOf(identities);
    this.keys = List.copyOf(keys);
    this.diagnostics = List.copyOf(diagnostics);
    for (Account a : this.accounts) {
      accountsById.putIfAbsent(a.id(), a);
    }
  }

  /** Every account, in the order written. */
  public List<Account> accounts() {
    return accounts;
  }

  /** Every user, role and role session. */
  public List<Identity> identities() {
    return identities;
  }

  public List<Key> keys() {
    return keys;
  }

  /** Problems found while loading. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** True when loading found errors. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The account with this ID. */
  public Optional<Account> account(String id) {
    return Optional.ofNullable(accountsById.get(id));
  }

  /** A policy as loaded: where it came from, what the reader made of it, and its compiled form. */
  public record LoadedPolicy(String name, ReadResult read, CompiledPolicy compiled) {}

  /**
   * An account.
   *
   * @param id the 12-digit ID
   * @param name its name, or empty
   * @param orgId the organization it belongs to, or empty
   * @param orgPath {@code o-.../r-.../ou-.../} as {@code aws:PrincipalOrgPaths} gives it, or empty
   * @param scpLevels SCPs from the organization root down to the account; a level without declared
   *     policies is left out, as AWS's default {@code FullAWSAccess} allows everything
   * @param rcpLevels the same for RCPs
   * @param span where the account is declared
   */
  public record Account(
      String id,
      String name,
      String orgId,
      String orgPath,
      List<List<LoadedPolicy>> scpLevels,
      List<List<LoadedPolicy>> rcpLevels,
      SourceSpan span) {
    public Account {
      scpLevels = scpLevels.stream().map(List::copyOf).toList();
      rcpLevels = rcpLevels.stream().map(List::copyOf).toList();
    }

    /** {@code name (id)} or the ID alone. */
    public String label() {
      return name.isEmpty() ? id : name + " (" + id + ")";
    }
  }

  /** What kind of IAM identity. */
  public enum IdentityKind {
    USER,
    ROLE,
    SESSION
  }

  /**
   * An IAM user, a role (standing for a session of it), or a named role session.
   *
   * @param kind which
   * @param account its account
   * @param name the user or role name, or the session name
   * @param roleName for a session, its role; otherwise the same as name for roles
   * @param arn the principal ARN: the user or role ARN, or the {@code assumed-role} session ARN
   * @param principalArn what {@code aws:PrincipalArn} holds: for a session, its role's ARN
   * @param policies identity policies (a session has its role's)
   * @param boundary the permissions boundary, or null
   * @param sessionPolicy the session policy, or null
   * @param tags principal tags (a session's tags override its role's)
   * @param span where it is declared
   */
  public record Identity(
      IdentityKind kind,
      Account account,
      String name,
      String roleName,
      String arn,
      String principalArn,
      List<LoadedPolicy> policies,
      LoadedPolicy boundary,
      LoadedPolicy sessionPolicy,
      Map<String, String> tags,
      SourceSpan span) {
    public Identity {
      policies = List.copyOf(policies);
      tags = Map.copyOf(tags);
    }

    /** {@code role owner/Admin}, {@code session owner/Admin/s1}, {@code user owner/Alice}. */
    public String label() {
      String acct = account.name().isEmpty() ? account.id() : account.name();
      return switch (kind) {
        case USER -> "user " + acct + "/" + name;
        case ROLE -> "role " + acct + "/" + name;
        case SESSION -> "session " + acct + "/" + roleName + "/" + name;
      };
    }
  }

  /**
   * A grant on a key, as declared.
   *
   * @param name its name
   * @param grantee the grantee principal ARN
   * @param operations the granted operations
   * @param equals an {@code EncryptionContextEquals} constraint, or null
   * @param subset an {@code EncryptionContextSubset} constraint, or null
   */
  public record GrantDecl(
      String name,
      String grantee,
      List<String> operations,
      Map<String, String> equals,
      Map<String, String> subset) {}

  /**
   * A KMS key.
   *
   * @param name its name in the scenario
   * @param account the owning account
   * @param region its Region
   * @param id the key ID ({@code mrk-...} for multi-Region keys)
   * @param spec key spec, e.g. {@code SYMMETRIC_DEFAULT}
   * @param usage key usage, e.g. {@code ENCRYPT_DECRYPT}
   * @param origin {@code AWS_KMS}, {@code EXTERNAL}, ...
   * @param multiRegion true for a multi-Region key
   * @param policy the key policy (the default key policy when none is declared)
   * @param aliases alias names, {@code alias/...}
   * @param tags resource tags
   * @param grants grants on the key
   * @param replicas replica Region to that replica's key policy
   * @param awsManaged true for an AWS managed key ({@code alias/aws/...}), whose policy and
   *     lifecycle only AWS changes
   * @param span where the key is declared
   */
  public record Key(
      String name,
      Account account,
      String region,
      String id,
      String spec,
      String usage,
      String origin,
      boolean multiRegion,
      LoadedPolicy policy,
      List<String> aliases,
      Map<String, String> tags,
      List<GrantDecl> grants,
      Map<String, LoadedPolicy> replicas,
      boolean awsManaged,
      SourceSpan span) {
    public Key {
      aliases = List.copyOf(aliases);
      tags = Map.copyOf(tags);
      grants = List.copyOf(grants);
      replicas = Map.copyOf(replicas);
    }

    /** The key ARN in {@code inRegion} (a replica's ARN for a multi-Region key). */
    public String arn(String inRegion) {
      return "arn:aws:kms:" + inRegion + ":" + account.id() + ":key/" + id;
    }

    /** The key ARN in its own Region. */
    public String arn() {
      return arn(region);
    }

    /** Every Region the key is in: its own, then its replicas'. */
    public List<String> regions() {
      List<String> out = new ArrayList<>();
      out.add(region);
      out.addAll(replicas.keySet().stream().sorted().toList());
      return out;
    }
  }
}
