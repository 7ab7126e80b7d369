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

  private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z]{3}[A-Z0-9]{12,}");

  /** Classifies {@code text}, written under {@code family}, reporting problems to {@code sink}. */
  public static Principal parse(
      String family, String text, SourceSpan span, Consumer<Diagnostic> sink) {
    return parse(family, text, true, span, sink);
  }

  /**
   * As {@link #parse(String, String, SourceSpan, Consumer)}; {@code markup} false promises that
   * {@code text} holds none of {@code $}, {@code <} and the opening brace, so it is not searched
   * for placeholders.
   */
  static Principal parse(
      String family, String text, boolean markup, SourceSpan span, Consumer<Diagnostic> sink) {
    if (text.isEmpty()) {
      sink.accept(Diagnostic.of(Code.KP011, span, "empty principal under `" + family + "`"));
      return invalid(family, text, "an empty string names no principal", span, Code.KP109, sink);
    }
    String placeholder = markup ? Placeholders.find(text) : null;
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
        if (isServiceName(text)) {
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

  private static final String SERVICE_SUFFIX = ".amazonaws.com";
  private static final String CHINA_SERVICE_SUFFIX = ".amazonaws.com.cn";

  /**
   * True for a service principal name: dot-separated labels of lower-case letters, digits and
   * hyphens (none starting with a hyphen), then {@code .amazonaws.com} or {@code
   * .amazonaws.com.cn}. The same language as {@code
   * [a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.amazonaws\.com(\.cn)?}, without a regex.
   */
  static boolean isServiceName(String text) {
    if (text.endsWith(CHINA_SERVICE_SUFFIX)) {
      return labels(text, text.length() - CHINA_SERVICE_SUFFIX.length());
    }
    return text.endsWith(SERVICE_SUFFIX) && labels(text, text.length() - SERVICE_SUFFIX.length());
  }

  /** True when {@code text[0, end)} is one or more labels joined by single dots. */
  private static boolean labels(String text, int end) {
    boolean labelStart = true;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (c == '.' && !labelStart) {
        labelStart = true;
      } else if (alnum || (c == '-' && !labelStart)) {
        labelStart = false;
      } else {
        return false;
      }
    }
    return !labelStart;
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
   * The principal for the everyday forms, {@code arn:PARTITION:iam::ACCOUNT:root}, {@code
   * ...:user/...} and {@code ...:role/...} without wildcards or placeholders, read in one pass
   * without splitting the ARN; null for anything else, which the general path then classifies and
   * explains.
   */
  private static Principal commonIamArn(String text, SourceSpan span) {
    if (!text.startsWith("arn:")) {
      return null;
    }
    int partitionEnd = text.indexOf(':', 4);
    String partition = partitionEnd < 0 ? null : knownPartition(text, partitionEnd);
    if (partition == null || !text.startsWith("iam::", partitionEnd + 1)) {
      return null;
    }
    int accountStart = partitionEnd + 6;
    int resourceStart = accountStart + 13;
    if (resourceStart > text.length()
        || text.charAt(resourceStart - 1) != ':'
        || !digits(text, accountStart, resourceStart - 1)) {
      return null;
    }
    int lastSlash = plainResourceLastSlash(text, resourceStart);
    if (lastSlash == -2) {
      return null;
    }
    String account = text.substring(accountStart, resourceStart - 1);
    if (text.length() - resourceStart == 4 && text.startsWith("root", resourceStart)) {
      return new Principal.Account(partition, account, text, span);
    }
    boolean user = text.startsWith("user/", resourceStart);
    if ((!user && !text.startsWith("role/", resourceStart)) || lastSlash == text.length() - 1) {
      return null;
    }
    String resource = text.substring(resourceStart);
    Arn arn = new Arn(text, partition, "iam", "", account, resource);
    String path =
        lastSlash == resourceStart + 4 ? "/" : text.substring(resourceStart + 4, lastSlash + 1);
    String name = text.substring(lastSlash + 1);
    return user
        ? new Principal.IamUser(arn, path, name, span)
        : new Principal.IamRole(arn, path, name, span);
  }

  /** The known partition spelt {@code text[4, end)} as its shared constant, or null. */
  private static String knownPartition(String text, int end) {
    for (int i = 0; i < KNOWN_PARTITIONS.size(); i++) {
      String p = KNOWN_PARTITIONS.get(i);
      if (p.length() == end - 4 && text.startsWith(p, 4)) {
        return p;
      }
    }
    return null;
  }

  private static final List<String> KNOWN_PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov");

  /** True when {@code text[from, to)} is all ASCII digits. */
  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The offset of the last {@code /} in the resource part starting at {@code from} (-1 if none), or
   * -2 when the part holds a wildcard, a placeholder character or a further colon.
   */
  private static int plainResourceLastSlash(String text, int from) {
    int lastSlash = -1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '$' || c == '<' || c == '{' || c == ':') {
        return -2;
      }
      if (c == '/') {
        lastSlash = i;
      }
    }
    return lastSlash;
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
