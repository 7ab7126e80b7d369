package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Principal;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Classifies one principal value under its family ({@code AWS}, {@code Service}, {@code Federated},
 * {@code CanonicalUser}). A value that names no principal becomes {@link Principal.Invalid} with a
 * KP109 (malformed), KP110 (wildcard fragment) or KP015 (unrendered template) diagnostic.
 */
public final class PrincipalParser {
  private PrincipalParser() {}

  /** The principal families a policy may use. */
  public static final List<String> FAMILIES =
      List.of("AWS", "Service", "Federated", "CanonicalUser");

  private static final Pattern SERVICE =
      Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*\\.amazonaws\\.com(\\.cn)?");

  private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z]{3}[A-Z0-9]{12,}");

  /** Classifies {@code text}, written under {@code family}, reporting problems to {@code sink}. */
  public static Principal parse(
      String family, String text, SourceSpan span, Consumer<Diagnostic> sink) {
    if (text.isEmpty()) {
      sink.accept(Diagnostic.of(Code.KP011, span, "empty principal under `" + family + "`"));
      return invalid(family, text, "an empty string names no principal", span, Code.KP109, sink);
    }
    String placeholder = Placeholders.find(text);
    if (placeholder != null) {
      return invalid(
          family,
          text,
          "unrendered template placeholder `" + placeholder + "` in principal `" + text + "`",
          span,
          Code.KP015,
          sink);
    }
    switch (family) {
      case "AWS":
        return aws(text, span, sink);
      case "Service":
        if (SERVICE.matcher(text).matches()) {
          return new Principal.Service(text, span);
        }
        return invalid(
            family,
            text,
            "`"
                + text
                + "` is not a service principal; expected a name such as `logs.amazonaws.com`",
            span,
            Code.KP109,
            sink);
      case "Federated":
        return new Principal.Federated(text, span);
      case "CanonicalUser":
        return new Principal.CanonicalUser(text, span);
      default:
        throw new IllegalArgumentException("unknown principal family " + family);
    }
  }

  private static Principal aws(String text, SourceSpan span, Consumer<Diagnostic> sink) {
    if (text.equals("*")) {
      return new Principal.Any(false, span);
    }
    if (Arn.isAccountId(text)) {
      return new Principal.Account("aws", text, text, span);
    }
    Principal common = commonIamArn(text, span);
    if (common != null) {
      return common;
    }
    if (!text.startsWith("arn:")) {
      if (UNIQUE_ID.matcher(text).matches()) {
        return invalid(
            "AWS",
            text,
            "`" + text + "` is the unique ID of a deleted IAM principal; it matches no caller",
            span,
            Code.KP109,
            sink);
      }
      return invalid(
          "AWS",
          text,
          "`" + text + "` is neither a 12-digit account ID nor an IAM or STS ARN",
          span,
          Code.KP109,
          sink);
    }
    int accountStart = nthColon(text, 4);
    int accountEnd = accountStart < 0 ? -1 : text.indexOf(':', accountStart + 1);
    String account = accountEnd < 0 ? "" : text.substring(accountStart + 1, accountEnd);
    if (Placeholders.isAccountPlaceholder(account)) {
      return invalid(
          "AWS",
          text,
          "unrendered placeholder `" + account + "` where the account ID belongs in `" + text + "`",
          span,
          Code.KP015,
          sink);
    }
    if (Arn.hasWildcard(text)) {
      return invalid(
          "AWS",
          text,
          "wildcard in principal `" + text + "`; only a bare `*` is allowed",
          span,
          Code.KP110,
          sink);
    }
    Arn arn;
    try {
      arn = Arn.parse(text);
    } catch (IllegalArgumentException e) {
      return invalid("AWS", text, e.getMessage(), span, Code.KP109, sink);
    }
    String problem = iamProblem(arn);
    if (problem != null) {
      return invalid("AWS", text, problem, span, Code.KP109, sink);
    }
    String type = arn.resourceType();
    String rest = arn.resourceId();
    if (arn.service().equals("iam")) {
      if (arn.resource().equals("root")) {
        return new Principal.Account(arn.partition(), arn.account(), text, span);
      }
      int lastSlash = rest.lastIndexOf('/');
      String path = lastSlash < 0 ? "/" : "/" + rest.substring(0, lastSlash + 1);
      String name = rest.substring(lastSlash + 1);
      if (type.equals("user")) {
        return new Principal.IamUser(arn, path, name, span);
      }
      return new Principal.IamRole(arn, path, name, span);
    }
    if (type.equals("assumed-role")) {
      int slash = rest.indexOf('/');
      return new Principal.AssumedRole(
          arn, rest.substring(0, slash), rest.substring(slash + 1), span);
    }
    return new Principal.FederatedUser(arn, rest, span);
  }

  /**
   * The principal for the everyday forms, {@code arn:aws:iam::ACCOUNT:root}, {@code ...:user/...}
   * and {@code ...:role/...} without wildcards or placeholders, in one pass; null for anything
   * else, which the general path then classifies and explains.
   */
  private static Principal commonIamArn(String text, SourceSpan span) {
    String[] parts = Arn.splitParts(text);
    if (parts == null
        || !parts[0].equals("arn")
        || !Arn.PARTITIONS.contains(parts[1])
        || !parts[2].equals("iam")
        || !parts[3].isEmpty()
        || !Arn.isAccountId(parts[4])) {
      return null;
    }
    String resource = parts[5];
    for (int i = 0; i < resource.length(); i++) {
      char c = resource.charAt(i);
      if (c == '*' || c == '?' || c == '$' || c == '<' || c == '{' || c == ':') {
        return null;
      }
    }
    if (resource.equals("root")) {
      return new Principal.Account(parts[1], parts[4], text, span);
    }
    boolean user = resource.startsWith("user/");
    if (!user && !resource.startsWith("role/")) {
      return null;
    }
    int lastSlash = resource.lastIndexOf('/');
    if (lastSlash == resource.length() - 1) {
      return null;
    }
    Arn arn = new Arn(text, parts[1], parts[2], parts[3], parts[4], resource);
    String path = lastSlash == 4 ? "/" : resource.substring(4, lastSlash + 1);
    String name = resource.substring(lastSlash + 1);
    return user
        ? new Principal.IamUser(arn, path, name, span)
        : new Principal.IamRole(arn, path, name, span);
  }

  /** The index of the {@code n}th colon (1-based) of {@code s}, or -1. */
  private static int nthColon(String s, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = s.indexOf(':', at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  /** Why an IAM or STS ARN is no principal, or null when it is one. */
  private static String iamProblem(Arn arn) {
    String text = arn.text();
    if (!arn.service().equals("iam") && !arn.service().equals("sts")) {
      return "`" + text + "` is an ARN of service `" + arn.service() + "`, not an IAM principal";
    }
    if (!arn.region().isEmpty()) {
      return "`" + text + "` has a region; IAM and STS ARNs have none";
    }
    if (!Arn.isAccountId(arn.account())) {
      return "`" + text + "` has no 12-digit account ID";
    }
    String type = arn.resourceType();
    String rest = arn.resourceId();
    if (arn.service().equals("iam")) {
      if (arn.resource().equals("root")) {
        return null;
      }
      if (type.equals("group")) {
        return "`" + text + "` is an IAM group; groups cannot be principals";
      }
      if (!type.equals("user") && !type.equals("role")) {
        return "`" + text + "` is an IAM " + type + "; principals are users, roles or `root`";
      }
      if (rest.isEmpty() || rest.endsWith("/")) {
        return "`" + text + "` has no " + type + " name";
      }
      return null;
    }
    if (type.equals("assumed-role")) {
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
        return "`" + text + "` must be arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION";
      }
      return null;
    }
    if (type.equals("federated-user")) {
      return rest.isEmpty() ? "`" + text + "` has no federated user name" : null;
    }
    return "`" + text + "` is not an STS session ARN (assumed-role or federated-user)";
  }

  private static Principal invalid(
      String family,
      String text,
      String reason,
      SourceSpan span,
      Code code,
      Consumer<Diagnostic> sink) {
    sink.accept(Diagnostic.of(code, span, reason));
    return new Principal.Invalid(family, text, reason, span);
  }
}
