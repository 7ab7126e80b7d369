package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;

/**
 * One principal named in a {@code Principal} or {@code NotPrincipal} element. The family is closed:
 * every value a policy can hold is one of these, including {@link Invalid} for values that name no
 * principal (and therefore never match a caller).
 */
public sealed interface Principal {
  /** The value exactly as written. */
  String text();

  /** Where it was written. */
  SourceSpan span();

  /** The JSON member it was listed under: {@code AWS}, {@code Service}, ..., or {@code *}. */
  String family();

  /** Everyone: {@code "Principal": "*"} (bare) or {@code {"AWS": "*"}}. */
  record Any(boolean bare, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return "*";
    }

    @Override
    public String family() {
      return bare ? "*" : "AWS";
    }
  }

  /**
   * An account principal, written as a 12-digit ID or as {@code arn:aws:iam::ID:root}: the
   * account's root user, and a delegation to the account's identity policies.
   */
  record Account(String partition, String accountId, String text, SourceSpan span)
      implements Principal {
    /** The account's root ARN, {@code arn:partition:iam::ID:root}. */
    public String rootArn() {
      return "arn:" + partition + ":iam::" + accountId + ":root";
    }

    @Override
    public String family() {
      return "AWS";
    }
  }

  /** An IAM user, {@code arn:aws:iam::ID:user/path/name}. */
  record IamUser(Arn arn, String path, String name, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return arn.text();
    }

    @Override
    public String family() {
      return "AWS";
    }
  }

  /** An IAM role, {@code arn:aws:iam::ID:role/path/name}: every session of the role. */
  record IamRole(Arn arn, String path, String name, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return arn.text();
    }

    @Override
    public String family() {
      return "AWS";
    }
  }

  /** One session of a role, {@code arn:aws:sts::ID:assumed-role/role-name/session-name}. */
  record AssumedRole(Arn arn, String roleName, String sessionName, SourceSpan span)
      implements Principal {
    @Override
    public String text() {
      return arn.text();
    }

    @Override
    public String family() {
      return "AWS";
    }
  }

  /** A federated user session, {@code arn:aws:sts::ID:federated-user/name}. */
  record FederatedUser(Arn arn, String userName, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return arn.text();
    }

    @Override
    public String family() {
      return "AWS";
    }
  }

  /** An AWS service acting as itself, e.g. {@code logs.us-east-1.amazonaws.com}. */
  record Service(String name, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return name;
    }

    @Override
    public String family() {
      return "Service";
    }
  }

  /** A web-identity or SAML provider; no KMS request is ever made by one. */
  record Federated(String provider, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return provider;
    }

    @Override
    public String family() {
      return "Federated";
    }
  }

  /** An S3 canonical user ID; no KMS request is ever made by one. */
  record CanonicalUser(String id, SourceSpan span) implements Principal {
    @Override
    public String text() {
      return id;
    }

    @Override
    public String family() {
      return "CanonicalUser";
    }
  }

  /**
   * A value that names no principal: malformed, a wildcard fragment, an unrendered template or an
   * unknown family. It never matches a caller.
   *
   * @param family the member it was listed under, as written
   * @param text the value as written (JSON text for non-string values)
   * @param reason why it is not a principal, fit for a message
   */
  record Invalid(String family, String text, String reason, SourceSpan span) implements Principal {}
}
