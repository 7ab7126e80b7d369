package dev.keyvet.engine.eval;

import dev.keyvet.engine.model.Arn;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The authenticated identity making a request.
 *
 * @param type what kind of identity it is
 * @param partition its partition ({@code aws}, ...); empty for service principals
 * @param account its 12-digit account; empty for service principals
 * @param arn the ARN it signs as (the session ARN for role sessions), or the service name
 * @param principalArn the value of {@code aws:PrincipalArn}: the role ARN for role sessions, the
 *     ARN itself otherwise; empty for service principals
 * @param name the user, role, federated user or service name
 * @param sessionName the role session name, or empty
 */
public record Caller(
    CallerType type,
    String partition,
    String account,
    String arn,
    String principalArn,
    String name,
    String sessionName) {

  private static final Pattern SERVICE =
      Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*\\.amazonaws\\.com(\\.cn)?");

  /** The session name given to a caller named by its role ARN alone. */
  public static final String DEFAULT_SESSION = "keyvet-session";

  public Caller {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(principalArn, "principalArn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sessionName, "sessionName");
  }

  /**
   * The caller named by {@code text}: a 12-digit account or {@code arn:...:iam::A:root} (the
   * account's root user), an IAM user ARN, an assumed-role session ARN, an IAM role ARN (a session
   * of that role named {@value #DEFAULT_SESSION}), a federated-user ARN, or a service principal
   * such as {@code logs.amazonaws.com}.
   *
   * @throws IllegalArgumentException with a message fit for users when it names no caller
   */
  public static Caller parse(String text) {
    Objects.requireNonNull(text, "text");
    Caller known = PARSED.get(text);
    if (known != null) {
      return known;
    }
    Caller parsed = parseUncached(text);
    if (PARSED.size() < PARSED_LIMIT) {
      PARSED.put(text, parsed);
    }
    return parsed;
  }

  /**
   * Callers already parsed: rules and scenarios name the same principals again and again. The cache
   * stops growing at {@link #PARSED_LIMIT} entries, so arbitrary input cannot grow it without
   * bound; callers are immutable, so sharing them is safe.
   */
  private static final java.util.Map<String, Caller> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int PARSED_LIMIT = 4096;

  private static Caller parseUncached(String text) {
    if (Arn.isAccountId(text)) {
      return root("aws", text);
    }
    if (SERVICE.matcher(text).matches()) {
      return new Caller(CallerType.SERVICE, "", "", text, "", text, "");
    }
    Arn arn;
    try {
      arn = Arn.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("`" + text + "` names no caller: " + e.getMessage(), e);
    }
    if (!Arn.isAccountId(arn.account()) || !arn.region().isEmpty()) {
      throw new IllegalArgumentException("`" + text + "` names no caller: not an IAM or STS ARN");
    }
    String type = arn.resourceType();
    String rest = arn.resourceId();
    String last = rest.substring(rest.lastIndexOf('/') + 1);
    if (arn.service().equals("iam")) {
      if (arn.resource().equals("root")) {
        return root(arn.partition(), arn.account());
      }
      if (type.equals("user") && !last.isEmpty()) {
        return new Caller(CallerType.USER, arn.partition(), arn.account(), text, text, last, "");
      }
      if (type.equals("role") && !last.isEmpty()) {
        String session =
            "arn:"
                + arn.partition()
                + ":sts::"
                + arn.account()
                + ":assumed-role/"
                + last
                + "/"
                + DEFAULT_SESSION;
        return new Caller(
            CallerType.ROLE_SESSION,
            arn.partition(),
            arn.account(),
            session,
            text,
            last,
            DEFAULT_SESSION);
      }
    } else if (arn.service().equals("sts")) {
      int slash = rest.indexOf('/');
      if (type.equals("assumed-role") && slash > 0 && slash < rest.length() - 1) {
        String role = rest.substring(0, slash);
        String roleArn = "arn:" + arn.partition() + ":iam::" + arn.account() + ":role/" + role;
        return new Caller(
            CallerType.ROLE_SESSION,
            arn.partition(),
            arn.account(),
            text,
            roleArn,
            role,
            rest.substring(slash + 1));
      }
      if (type.equals("federated-user") && !rest.isEmpty()) {
        return new Caller(
            CallerType.FEDERATED_USER, arn.partition(), arn.account(), text, text, rest, "");
      }
    }
    throw new IllegalArgumentException(
        "`"
            + text
            + "` names no caller; expected an account, a root, user, role, assumed-role or"
            + " federated-user ARN, or a service principal");
  }

  private static Caller root(String partition, String account) {
    String arn = "arn:" + partition + ":iam::" + account + ":root";
    return new Caller(CallerType.ROOT, partition, account, arn, arn, account, "");
  }

  /** This caller with another {@code aws:PrincipalArn}, e.g. a role ARN with its path. */
  public Caller withPrincipalArn(String newPrincipalArn) {
    return new Caller(type, partition, account, arn, newPrincipalArn, name, sessionName);
  }

  /** The caller's account root ARN; empty for service principals. */
  public String rootArn() {
    return type == CallerType.SERVICE ? "" : "arn:" + partition + ":iam::" + account + ":root";
  }

  /** True for roles under {@code /aws-service-role/}, which SCPs and RCPs do not restrict. */
  public boolean isServiceLinkedRole() {
    return type == CallerType.ROLE_SESSION && principalArn.contains(":role/aws-service-role/");
  }
}
