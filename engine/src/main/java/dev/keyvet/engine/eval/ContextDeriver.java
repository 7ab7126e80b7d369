package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResourceKind;
import dev.keyvet.engine.model.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills in the condition keys AWS derives for a request: who the caller is ({@code
 * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:username},
 * {@code kms:CallerAccount}, {@code aws:PrincipalIsAWSService}, {@code aws:PrincipalServiceName}),
 * where the key is ({@code aws:ResourceAccount}, {@code aws:RequestedRegion}), how it was called
 * ({@code aws:SecureTransport}: KMS is HTTPS-only; {@code aws:ViaAWSService}), the encryption
 * context's keys, and the defaults KMS uses for omitted request parameters. A key the request
 * already states is never replaced. Nothing is read from the clock or the environment.
 */
public final class ContextDeriver {
  private ContextDeriver() {}

  private static final Set<String> ENCRYPTION_ALGORITHM_ACTIONS =
      Set.of(
          "Encrypt",
          "Decrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "ReEncryptFrom",
          "ReEncryptTo");

  /** The request's context with every derivable key added. */
  public static RequestContext derive(
      Caller caller, String action, String resource, String resourceAccount, RequestContext given) {
    RequestContext.Builder b = given.toBuilder();
    if (caller.type() == CallerType.SERVICE) {
      b.putIfAbsent("aws:PrincipalIsAWSService", "true");
      b.putIfAbsent("aws:PrincipalServiceName", caller.arn());
    } else {
      b.putIfAbsent("aws:PrincipalArn", caller.principalArn());
      b.putIfAbsent("aws:PrincipalAccount", caller.account());
      b.putIfAbsent("aws:PrincipalType", caller.type().principalType());
      b.putIfAbsent("aws:PrincipalIsAWSService", "false");
      b.putIfAbsent("kms:CallerAccount", caller.account());
      if (caller.type() == CallerType.USER) {
        b.putIfAbsent("aws:username", caller.name());
      }
    }
    b.putIfAbsent("aws:SecureTransport", "true");
    b.putIfAbsent("aws:ViaAWSService", b.has("kms:ViaService") ? "true" : "false");
    KmsAction kms = KmsCatalog.get().action(action).orElse(null);
    if (resource != null && kms != null && kms.resource() != ResourceKind.NONE) {
      b.putIfAbsent("aws:ResourceAccount", resourceAccount);
      String region = regionOf(resource);
      if (!region.isEmpty()) {
        b.putIfAbsent("aws:RequestedRegion", region);
      }
    }
    List<String> ecKeys = new ArrayList<>();
    for (RequestContext.Entry e : given.entries()) {
      if (e.key().regionMatches(true, 0, EC_PREFIX, 0, EC_PREFIX.length())) {
        ecKeys.add(e.key().substring(EC_PREFIX.length()));
      }
    }
    if (!ecKeys.isEmpty()) {
      b.putIfAbsent("kms:EncryptionContextKeys", ecKeys);
    }
    if (kms != null) {
      defaults(kms.name(), b);
    }
    return b.build();
  }

  /**
   * The request's own keys over a context {@link #derive} made without them: what {@code derive}
   * makes of the request's keys and the {@code given} ones together, the request's winning. It lets
   * a caller that asks about the same caller, key and permission again and again derive the part
   * that does not change once, and add only the request's parameters ({@code
   * kms:EncryptionContext:*}, {@code kms:EncryptionAlgorithm}, ...) per request.
   *
   * @param derived the result of {@code derive} for the caller, permission and resource, on a
   *     context without the request's keys
   * @param request the request's own keys; none of them is a key {@code derive} adds for the caller
   *     or the resource
   */
  public static RequestContext.Builder complete(RequestContext derived, RequestContext request) {
    RequestContext.Builder b = RequestContext.over(derived);
    List<String> ecKeys = null;
    for (Map.Entry<String, RequestContext.Entry> le : request.all().entrySet()) {
      RequestContext.Entry e = le.getValue();
      b.putLowerCase(le.getKey(), e);
      if (le.getKey().startsWith(EC_PREFIX_LOWER)) {
        if (ecKeys == null) {
          ecKeys = new ArrayList<>();
        }
        ecKeys.add(e.key().substring(EC_PREFIX.length()));
      }
    }
    if (ecKeys != null && !request.has("kms:EncryptionContextKeys")) {
      b.put("kms:EncryptionContextKeys", ecKeys);
    }
    return b;
  }

  private static final String EC_PREFIX_LOWER = "kms:encryptioncontext:";

  /** KMS fills request-parameter keys with the parameter's default when it is omitted. */
  private static final String EC_PREFIX = "kms:EncryptionContext:";

  /** The last resource whose region was asked for, and that region: callers ask about one key. */
  private static volatile String[] lastRegion = {"", ""};

  private static String regionOf(String resource) {
    String[] last = lastRegion;
    if (last[0].equals(resource)) {
      return last[1];
    }
    String region = Arn.tryParse(resource).map(Arn::region).orElse("");
    lastRegion = new String[] {resource, region};
    return region;
  }

  private static void defaults(String action, RequestContext.Builder b) {
    if (ENCRYPTION_ALGORITHM_ACTIONS.contains(action)) {
      b.putIfAbsent("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    }
    switch (action) {
      case "ScheduleKeyDeletion":
        b.putIfAbsent("kms:ScheduleKeyDeletionPendingWindowInDays", "30");
        break;
      case "EnableKeyRotation":
        b.putIfAbsent("kms:RotationPeriodInDays", "365");
        break;
      case "CreateKey":
        b.putIfAbsent("kms:KeySpec", "SYMMETRIC_DEFAULT");
        b.putIfAbsent("kms:KeyUsage", "ENCRYPT_DECRYPT");
        b.putIfAbsent("kms:KeyOrigin", "AWS_KMS");
        b.putIfAbsent("kms:MultiRegion", "false");
        break;
      default:
        break;
    }
  }
}
