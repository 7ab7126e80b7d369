package dev.keyvet.engine.eval;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Effect;
import java.util.Objects;

/**
 * Why a decision came out as it did. Reasons are data: reports render them, the linter reads them.
 */
public sealed interface Reason {

  /** A one-line rendering for people. */
  String describe();

  /**
   * A statement that decided: an explicit deny, or one link of the allow path.
   *
   * @param kind the policy's role
   * @param policy the policy's name
   * @param statement the statement's Sid, or {@code #n}
   * @param index the statement's position, from 0
   * @param effect its effect
   * @param role how it took part, e.g. {@code allows the caller's account (delegation)}
   * @param span where the statement is
   */
  record StatementMatch(
      PolicyKind kind,
      String policy,
      String statement,
      int index,
      Effect effect,
      String role,
      SourceSpan span)
      implements Reason {
    public StatementMatch {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(span, "span");
    }

    @Override
    public String describe() {
      return kind.label() + " `" + policy + "` statement `" + statement + "` " + role;
    }
  }

  /** An allow AWS gives without any statement, such as the root user's in its own account. */
  record Inherent(String message) implements Reason {
    @Override
    public String describe() {
      return message;
    }
  }

  /** A grant that allowed the request. */
  record GrantMatch(String grant, String grantee, String role) implements Reason {
    @Override
    public String describe() {
      return "grant `" + grant + "` for `" + grantee + "` " + role;
    }
  }

  /**
   * A link the request needed and did not have.
   *
   * @param link which link
   * @param message what is missing, for people
   */
  record Missing(Link link, String message) implements Reason {
    public Missing {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
      return message;
    }
  }

  /**
   * An allow statement that came close: it names the permission but another element did not hold.
   *
   * @param kind the policy's role
   * @param policy the policy's name
   * @param statement the statement's Sid, or {@code #n}
   * @param element which element failed: {@code Principal}, {@code Resource}, {@code Condition}
   * @param detail what failed, with the values compared
   * @param span where the failing element is
   */
  record NearMiss(
      PolicyKind kind,
      String policy,
      String statement,
      String element,
      String detail,
      SourceSpan span)
      implements Reason {
    @Override
    public String describe() {
      return kind.label()
          + " `"
          + policy
          + "` statement `"
          + statement
          + "` does not apply: "
          + detail;
    }
  }

  /** The links of the KMS authorization chain a denial can name. */
  enum Link {
    INVALID_POLICY,
    INVALID_REQUEST,
    UNKNOWN_ACTION,
    NOT_CROSS_ACCOUNT,
    NO_KEY_POLICY_ALLOW,
    NO_DELEGATION,
    NO_IDENTITY_ALLOW,
    PERMISSIONS_BOUNDARY,
    SESSION_POLICY,
    SCP,
    RCP
  }
}
