package dev.keyvet.runtime.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Who made a call, in CloudTrail's {@code userIdentity} shape.
 *
 * @param type {@code Root}, {@code IAMUser}, {@code AssumedRole}, {@code AWSService}, ...
 * @param principalId the principal's unique id, or null when the runtime has none
 * @param arn the caller's ARN (null for a service principal)
 * @param accountId the caller's account (null for a service principal)
 * @param invokedBy the service principal for {@code AWSService} callers, else null
 * @param sessionContext for temporary credentials, else null
 */
public record UserIdentity(
    String type,
    String principalId,
    String arn,
    String accountId,
    String invokedBy,
    SessionContext sessionContext) {
  public UserIdentity {
    Objects.requireNonNull(type, "type");
  }

  /**
   * The session of an assumed role or federated user.
   *
   * @param issuerType {@code Role} for a role session
   * @param issuerPrincipalId the issuer's unique id, or null
   * @param issuerArn the role's ARN
   * @param issuerAccountId the role's account
   * @param issuerUserName the role's name
   * @param creationDate when the session began, or null
   * @param mfaAuthenticated whether the session was created with MFA
   */
  public record SessionContext(
      String issuerType,
      String issuerPrincipalId,
      String issuerArn,
      String issuerAccountId,
      String issuerUserName,
      Instant creationDate,
      boolean mfaAuthenticated) {}

  /**
   * The identity CloudTrail records for a caller ARN or service principal: {@code
   * arn:aws:iam::111122223333:root} is {@code Root}, {@code ...:user/Alice} is {@code IAMUser},
   * {@code arn:aws:sts::111122223333:assumed-role/Admin/s1} is {@code AssumedRole} with the role as
   * session issuer, {@code ...:role/Admin} is {@code AssumedRole} without a session, and {@code
   * s3.amazonaws.com} is {@code AWSService}. Anything else is {@code Unknown} with the text as ARN.
   */
  public static UserIdentity fromArn(String caller) {
    Objects.requireNonNull(caller, "caller");
    UserIdentity known = KNOWN.get(caller);
    if (known != null) {
      return known;
    }
    UserIdentity u = parse(caller);
    if (KNOWN.size() >= 1024) {
      KNOWN.clear();
    }
    KNOWN.put(caller, u);
    return u;
  }

  /** Identities made so far, by caller: the same few callers make most calls. */
  private static final java.util.Map<String, UserIdentity> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static UserIdentity parse(String caller) {
    if (!caller.startsWith("arn:") && caller.endsWith(".amazonaws.com")) {
      return new UserIdentity("AWSService", null, null, null, caller, null);
    }
    String account = accountOf(caller);
    String[] parts = caller.split(":", 6);
    if (parts.length < 6 || account == null) {
      return new UserIdentity("Unknown", null, caller, account, null, null);
    }
    String service = parts[2];
    String resource = parts[5];
    if (service.equals("iam") && resource.equals("root")) {
      return new UserIdentity("Root", account, caller, account, null, null);
    }
    if (service.equals("iam") && resource.startsWith("user/")) {
      return new UserIdentity("IAMUser", null, caller, account, null, null);
    }
    if (service.equals("iam") && resource.startsWith("role/")) {
      return new UserIdentity("AssumedRole", null, caller, account, null, null);
    }
    if (service.equals("sts") && resource.startsWith("assumed-role/")) {
      String[] r = resource.split("/");
      String role = r.length > 1 ? r[1] : "";
      String roleArn = "arn:" + parts[1] + ":iam::" + account + ":role/" + role;
      SessionContext session =
          new SessionContext("Role", null, roleArn, account, role, null, false);
      return new UserIdentity("AssumedRole", null, caller, account, null, session);
    }
    if (service.equals("sts") && resource.startsWith("federated-user/")) {
      return new UserIdentity("FederatedUser", null, caller, account, null, null);
    }
    return new UserIdentity("Unknown", null, caller, account, null, null);
  }

  /** The account field of an ARN, or null when the text is not an ARN with one. */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || parts[4].isEmpty()) {
      return null;
    }
    return parts[4];
  }
}
