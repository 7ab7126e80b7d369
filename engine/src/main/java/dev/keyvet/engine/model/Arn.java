package dev.keyvet.engine.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An Amazon Resource Name, split into its six parts: {@code
 * arn:partition:service:region:account:resource}. The resource part keeps any further colons.
 *
 * <p>Construction through {@link #parse} validates the partition ({@code aws}, {@code aws-cn},
 * {@code aws-us-gov}) and the account (12 digits or empty); {@link #parsePattern} also admits the
 * IAM wildcards {@code *} and {@code ?} in every part.
 */
public record Arn(
    String text, String partition, String service, String region, String account, String resource) {

  /** The partitions keyvet knows. */
  public static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov");

  public Arn {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * Parses a concrete ARN.
   *
   * @throws IllegalArgumentException with a message fit for users when {@code text} is not one
   */
  public static Arn parse(String text) {
    return parse(text, false);
  }

  /** Parses an ARN that may hold {@code *} and {@code ?} wildcards in any part. */
  public static Arn parsePattern(String text) {
    return parse(text, true);
  }

  /** The ARN, or empty when {@code text} is not a concrete ARN. */
  public static Optional<Arn> tryParse(String text) {
    try {
      return Optional.of(parse(text, false));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Arn parse(String text, boolean pattern) {
    Objects.requireNonNull(text, "text");
    String[] parts = split(text);
    if (parts == null || !parts[0].equals("arn")) {
      throw new IllegalArgumentException(
          "`"
              + text
              + "` is not an ARN: expected six colon-separated parts,"
              + " arn:partition:service:region:account:resource");
    }
    String partition = parts[1];
    if (!PARTITIONS.contains(partition) && !(pattern && hasWildcard(partition))) {
      throw new IllegalArgumentException(
          "unknown partition `"
              + partition
              + "` in `"
              + text
              + "`; expected aws, aws-cn or aws-us-gov");
    }
    if (parts[2].isEmpty()) {
      throw new IllegalArgumentException("the service part of `" + text + "` is empty");
    }
    String account = parts[4];
    if (!account.isEmpty() && !isAccountId(account) && !(pattern && hasWildcard(account))) {
      throw new IllegalArgumentException(
          "account `" + account + "` in `" + text + "` is not a 12-digit account ID");
    }
    if (parts[5].isEmpty()) {
      throw new IllegalArgumentException("the resource part of `" + text + "` is empty");
    }
    if (!pattern && hasWildcard(text)) {
      throw new IllegalArgumentException("`" + text + "` contains a wildcard");
    }
    return new Arn(text, partition, parts[2], parts[3], account, parts[5]);
  }

  /**
   * The six parts of {@code text}, the last keeping any further colons, or null if there are fewer.
   * Common parts (the known partitions, {@code iam}, {@code sts}, {@code kms}, the empty region)
   * are shared constants rather than new strings.
   */
  public static String[] splitParts(String text) {
    return split(text);
  }

  /** The six parts of {@code text}, the last keeping any further colons; null if fewer. */
  static String[] split(String text) {
    int c0 = text.indexOf(':');
    int c1 = c0 < 0 ? -1 : text.indexOf(':', c0 + 1);
    int c2 = c1 < 0 ? -1 : text.indexOf(':', c1 + 1);
    int c3 = c2 < 0 ? -1 : text.indexOf(':', c2 + 1);
    int c4 = c3 < 0 ? -1 : text.indexOf(':', c3 + 1);
    if (c4 < 0) {
      return null;
    }
    return new String[] {
      c0 == 3 && text.startsWith("arn") ? "arn" : text.substring(0, c0),
      common(text, c0 + 1, c1, PARTITION_NAMES),
      common(text, c1 + 1, c2, SERVICE_NAMES),
      c3 == c2 + 1 ? "" : text.substring(c2 + 1, c3),
      text.substring(c3 + 1, c4),
      text.substring(c4 + 1)
    };
  }

  private static final String[] PARTITION_NAMES = {"aws", "aws-cn", "aws-us-gov"};
  private static final String[] SERVICE_NAMES = {"iam", "sts", "kms"};

  /** The part from {@code from} to {@code to}, as a shared constant when it is a common one. */
  private static String common(String text, int from, int to, String[] names) {
    int len = to - from;
    for (String c : names) {
      if (c.length() == len && text.regionMatches(from, c, 0, len)) {
        return c;
      }
    }
    return text.substring(from, to);
  }

  /** True for exactly twelve ASCII digits. */
  public static boolean isAccountId(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** True when {@code s} holds an IAM wildcard, {@code *} or {@code ?}. */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /** The resource type: the resource part up to its first {@code /} or {@code :}. */
  public String resourceType() {
    int slash = resource.indexOf('/');
    int colon = resource.indexOf(':');
    int end =
        slash < 0
            ? (colon < 0 ? resource.length() : colon)
            : (colon < 0 ? slash : Math.min(slash, colon));
    return resource.substring(0, end);
  }

  /** The resource part after the resource type and its separator, or empty. */
  public String resourceId() {
    String type = resourceType();
    return type.length() < resource.length() ? resource.substring(type.length() + 1) : "";
  }

  /** True for {@code arn:...:kms:region:account:key/id}. */
  public boolean isKmsKey() {
    return service.equals("kms") && resourceType().equals("key");
  }

  /** True for {@code arn:...:kms:region:account:alias/name}. */
  public boolean isKmsAlias() {
    return service.equals("kms") && resourceType().equals("alias");
  }

  @Override
  public String toString() {
    return text;
  }
}
