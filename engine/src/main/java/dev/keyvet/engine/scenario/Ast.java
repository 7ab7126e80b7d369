package dev.keyvet.engine.scenario;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;

/**
 * The syntax of a keyvet file as written, before names are resolved: what {@link KeyvetSyntax}
 * returns. Every element keeps its source span so that later errors point at the text.
 */
public final class Ast {
  private Ast() {}

  /** A word or string as written, with where it was written. */
  public record Located(String value, SourceSpan span) {}

  /** A scenario or suite file. */
  public record File(
      String name,
      List<Located> uses,
      List<Organization> organizations,
      List<Account> accounts,
      List<Expectation> expectations) {}

  /** An organization: its ID, root ID, policies attached to the root, OUs and accounts. */
  public record Organization(
      Located id, Located rootId, Attachments policies, List<Ou> ous, List<Account> accounts) {}

  /** An organizational unit: its ID, optional name, policies, child OUs and accounts. */
  public record Ou(
      Located id, String name, Attachments policies, List<Ou> ous, List<Account> accounts) {}

  /** SCPs and RCPs attached to an organization root, OU or account. */
  public record Attachments(List<PolicySource> scps, List<PolicySource> rcps) {}

  /** An account with its principals and keys. */
  public record Account(
      Located id,
      String name,
      Attachments policies,
      List<Identity> identities,
      List<Key> keys,
      SourceSpan span) {}

  /** A policy: a file path relative to the naming file, or inline JSON at an offset of it. */
  public record PolicySource(String path, String inlineJson, int offset, SourceSpan span) {
    public boolean inline() {
      return path == null;
    }
  }

  /** IAM users and roles. */
  public enum IdentityKind {
    USER,
    ROLE
  }

  /** An IAM user or role. */
  public record Identity(
      IdentityKind kind,
      Located name,
      Located path,
      List<PolicySource> policies,
      PolicySource boundary,
      List<Tag> tags,
      List<Session> sessions) {}

  /** A named session of a role, with its session policy and session tags. */
  public record Session(Located name, PolicySource policy, List<Tag> tags) {}

  /** A tag {@code key = "value"}. */
  public record Tag(Located key, String value) {}

  /** A KMS key. Unset settings are null. */
  public record Key(
      Located name,
      Located id,
      Located region,
      Located spec,
      Located usage,
      Located origin,
      Boolean multiRegion,
      PolicySource policy,
      List<Located> aliases,
      List<Tag> tags,
      List<GrantDecl> grants,
      List<Replica> replicas,
      boolean awsManaged) {}

  /** A replica of a multi-Region key, with its own key policy (by default the primary's). */
  public record Replica(Located region, PolicySource policy) {}

  /** A grant: grantee, operations, optional retiring principal and context constraint. */
  public record GrantDecl(
      Located name,
      PrincipalRef grantee,
      List<Located> operations,
      PrincipalRef retiring,
      String constraintKind,
      List<Tag> constraint,
      SourceSpan span) {}

  /** How a query names a principal. */
  public enum PrincipalKind {
    ROLE,
    USER,
    SESSION,
    ACCOUNT,
    SERVICE,
    ARN
  }

  /** A principal as a query or grant names it: {@code role owner/Admin}, an ARN, ... */
  public record PrincipalRef(PrincipalKind kind, List<String> path, String text, SourceSpan span) {}

  /** How a query names a key: its name in the scenario, an ARN or an alias. */
  public record KeyRef(String text, SourceSpan span) {}

  /** The kinds of question. */
  public enum QueryKind {
    CAN,
    WHO_CAN
  }

  /** {@code can PRINCIPAL ACTION on KEY ...} or {@code who can ACTION on KEY ...}. */
  public record Query(
      QueryKind kind,
      PrincipalRef principal,
      Located action,
      KeyRef key,
      List<ContextEntry> context,
      Located region,
      Located via,
      String text,
      SourceSpan span) {}

  /** One {@code with} entry: a condition key and its value or values. */
  public record ContextEntry(Located key, List<Literal> values, boolean list) {}

  /** The kinds of literal. */
  public enum LiteralKind {
    STRING,
    NUMBER,
    BOOLEAN,
    DATE,
    IP,
    ARN,
    WORD
  }

  /** A literal value. */
  public record Literal(LiteralKind kind, String text, SourceSpan span) {}

  /** What an expectation expects. */
  public enum Outcome {
    ALLOW("allow"),
    DENY("deny"),
    IMPLICIT_DENY("implicit deny"),
    EXPLICIT_DENY("explicit deny"),
    FAILS("fails");

    private final String words;

    Outcome(String words) {
      this.words = words;
    }

    /** As written in a suite. */
    public String words() {
      return words;
    }
  }

  /** {@code expect OUTCOME ["name"] query}. */
  public record Expectation(Outcome outcome, String name, Query query, SourceSpan span) {}
}
