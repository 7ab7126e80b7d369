package dev.keyvet.engine.scenario;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.eval.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The condition keys a request gets from the world rather than from its parameters: who the caller
 * is (principal tags, organization), what the key is (tags, aliases, spec, usage, origin,
 * multi-Region type, the key account's organization) and what an integrated service sets. The
 * simulator and the local KMS both build requests with these, so that they decide alike. A key the
 * request already states is never replaced.
 */
public final class RequestFacts {
  private RequestFacts() {}

  /** The permissions an integrated service calls with {@code kms:GrantIsForAWSResource}. */
  public static final Set<String> GRANT_ACTIONS =
      Set.of("CreateGrant", "ListGrants", "RevokeGrant");

  /** What a key is, for its condition keys. */
  public record KeyFacts(
      Map<String, String> tags,
      List<String> aliases,
      String spec,
      String usage,
      String origin,
      boolean multiRegion,
      boolean primary) {}

  /**
   * {@code kms:ViaService} for a call through {@code service} ({@code ec2}, or a full service name)
   * in {@code region}, and {@code kms:GrantIsForAWSResource} for the grant permissions.
   */
  public static void via(
      RequestContext.Builder b, String service, String region, KmsAction action) {
    String via = service.toLowerCase(java.util.Locale.ROOT);
    b.putIfAbsent(
        "kms:ViaService", via.contains(".") ? via : via + "." + region + ".amazonaws.com");
    if (GRANT_ACTIONS.contains(action.name())) {
      b.putIfAbsent("kms:GrantIsForAWSResource", "true");
    }
  }

  /**
   * The caller's keys: {@code aws:PrincipalArn} for roles and sessions, principal tags, and the
   * organization of its account.
   */
  public static void principal(
      RequestContext.Builder b, World.Identity identity, Optional<World.Account> account) {
    if (identity != null) {
      if (identity.kind() != World.IdentityKind.USER) {
        b.putIfAbsent("aws:PrincipalArn", identity.principalArn());
      }
      identity.tags().forEach((k, v) -> b.putIfAbsent("aws:PrincipalTag/" + k, v));
    }
    account.ifPresent(
        a -> {
          if (!a.orgId().isEmpty()) {
            b.putIfAbsent("aws:PrincipalOrgID", a.orgId());
            b.putIfAbsent("aws:PrincipalOrgPaths", List.of(a.orgPath()));
          }
        });
  }

  /**
   * The key's keys: the organization of its account, resource tags, and the key attributes the
   * permission supports ({@code kms:ResourceAliases}, {@code kms:KeySpec}, ...).
   */
  public static void resource(
      RequestContext.Builder b,
      KmsAction action,
      Optional<World.Account> keyAccount,
      KeyFacts key) {
    keyAccount.ifPresent(
        a -> {
          if (!a.orgId().isEmpty()) {
            b.putIfAbsent("aws:ResourceOrgID", a.orgId());
            b.putIfAbsent("aws:ResourceOrgPaths", List.of(a.orgPath()));
          }
        });
    key.tags().forEach((k, v) -> b.putIfAbsent("aws:ResourceTag/" + k, v));
    KmsCatalog catalog = KmsCatalog.get();
    putIfSupported(b, catalog, action, "kms:ResourceAliases", key.aliases(), true);
    putIfSupported(b, catalog, action, "kms:KeySpec", List.of(key.spec()), false);
    putIfSupported(b, catalog, action, "kms:KeyUsage", List.of(key.usage()), false);
    putIfSupported(b, catalog, action, "kms:KeyOrigin", List.of(key.origin()), false);
    putIfSupported(
        b, catalog, action, "kms:MultiRegion", List.of(String.valueOf(key.multiRegion())), false);
    if (key.multiRegion()) {
      putIfSupported(
          b,
          catalog,
          action,
          "kms:MultiRegionKeyType",
          List.of(key.primary() ? "PRIMARY" : "REPLICA"),
          false);
    }
  }

  private static void putIfSupported(
      RequestContext.Builder b,
      KmsCatalog catalog,
      KmsAction action,
      String key,
      List<String> values,
      boolean list) {
    if (!supports(catalog, action, key) || b.has(key)) {
      return;
    }
    if (list) {
      b.put(key, values);
    } else {
      b.put(key, values.get(0));
    }
  }

  /**
   * Whether {@code action} supplies condition key {@code key}, remembered per pair: every request
   * asks the same few questions. The catalogue is fixed, so the answers never change.
   */
  private static boolean supports(KmsCatalog catalog, KmsAction action, String key) {
    Map<String, Boolean> byKey =
        SUPPORTS.computeIfAbsent(
            action.name(), n -> new java.util.concurrent.ConcurrentHashMap<>());
    Boolean known = byKey.get(key);
    if (known == null) {
      Optional<ResolvedConditionKey> k = catalog.conditionKey(key);
      known = k.isPresent() && catalog.actionSupportsKey(action, k.get());
      byKey.put(key, known);
    }
    return known;
  }

  private static final Map<String, Map<String, Boolean>> SUPPORTS =
      new java.util.concurrent.ConcurrentHashMap<>();
}
