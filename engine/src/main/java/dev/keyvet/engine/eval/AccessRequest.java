package dev.keyvet.engine.eval;

import java.util.Objects;

/**
 * One permission check: may {@code caller} perform {@code action} on {@code resource}, given the
 * request's condition keys?
 *
 * @param caller who signed the request
 * @param action the permission, e.g. {@code kms:Decrypt}; matched case-insensitively
 * @param resource the key ARN, or null for permissions that take no key ({@code kms:CreateKey})
 * @param resourceAccount the account that owns the key; for a null resource, the caller's account
 * @param context every condition key of the request
 */
public record AccessRequest(
    Caller caller, String action, String resource, String resourceAccount, RequestContext context) {
  public AccessRequest {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceAccount, "resourceAccount");
    Objects.requireNonNull(context, "context");
  }

  /** True when the caller and the key are in different accounts. */
  public boolean crossAccount() {
    return caller.type() != CallerType.SERVICE && !caller.account().equals(resourceAccount);
  }
}
