package dev.keyvet.runtime;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CallerType;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Decision;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.Grant;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.Reason;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.scenario.RequestFacts;
import dev.keyvet.engine.scenario.World;
import dev.keyvet.engine.validate.PolicyValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds what the engine needs for each permission check the way the scenario {@code Simulator}
 * does — the key policy, the caller's identity policies, boundary and session policy, the SCPs of
 * the caller's account and the RCPs of the key's, the grants, and the request context with what AWS
 * derives — and asks the {@link Authorizer}. Thread-safe.
 */
final class Gatekeeper {
  /** The largest key policy KMS accepts, in bytes. */
  static final int POLICY_LIMIT = 32_768;

  private final World world;
  private final Authorizer authorizer = new Authorizer();
  private final PolicyValidator validator = new PolicyValidator();

  Gatekeeper(World world) {
    if (world.hasErrors()) {
      throw new IllegalArgumentException(
          "the scenario has errors, so nothing could be allowed: "
              + world.diagnostics().stream()
                  .filter(Diagnostic::isError)
                  .findFirst()
                  .map(Diagnostic::render)
                  .orElse(""));
    }
    this.world = world;
  }

  /** The caller of a call, with what the scenario knows about it. */
  record Subject(
      Caller caller, World.Identity identity, Optional<World.Account> account, String label) {}

  /** Facts about the key a check is on, for the resource condition keys. */
  record KeyFacts(
      String account,
      String spec,
      String usage,
      String origin,
      boolean multiRegion,
      boolean primary,
      Map<String, String> tags,
      List<String> aliases) {}

  /** One permission check, ready for the engine, with what the message needs. */
  record Check(String permission, String resource, Authorizer.Check check) {}

  /** The subjects of callers seen so far; the world does not change. Bounded like the checks. */
  private final java.util.concurrent.ConcurrentHashMap<String, Subject> subjects =
      new java.util.concurrent.ConcurrentHashMap<>();

  Subject subject(String callerText) {
    Subject known = subjects.get(callerText);
    if (known != null) {
      return known;
    }
    Subject s = resolveSubject(callerText);
    if (subjects.size() >= MAX_PREPARED) {
      subjects.clear();
    }
    subjects.put(callerText, s);
    return s;
  }

  private Subject resolveSubject(String callerText) {
    Caller caller;
    try {
      caller = Caller.parse(callerText);
    } catch (IllegalArgumentException e) {
      throw new KmsException(
          "UnrecognizedClientException", "the caller is not a principal: " + e.getMessage());
    }
    World.Identity identity = identity(caller);
    Optional<World.Account> account =
        caller.account().isEmpty() ? Optional.empty() : world.account(caller.account());
    return new Subject(caller, identity, account, caller.arn());
  }

  private World.Identity identity(Caller c) {
    World.Identity role = null;
    for (World.Identity i : world.identities()) {
      if (!i.account().id().equals(c.account())) {
        continue;
      }
      switch (i.kind()) {
        case USER -> {
          if (c.type() == CallerType.USER && i.arn().equals(c.arn())) {
            return i;
          }
        }
        case SESSION -> {
          if (c.type() == CallerType.ROLE_SESSION && i.arn().equals(c.arn())) {
            return i;
          }
        }
        case ROLE -> {
          if (c.type() == CallerType.ROLE_SESSION
              && (i.arn().equals(c.principalArn()) || i.name().equals(c.name()))) {
            role = i;
          }
        }
      }
    }
    return role;
  }

  /** Reads, validates and compiles a key policy; malformed → MalformedPolicyDocumentException. */
  CompiledPolicy compileKeyPolicy(String name, String text) {
    if (text == null || text.isEmpty()) {
      throw new KmsException("MalformedPolicyDocumentException", "the key policy is empty");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > POLICY_LIMIT) {
      throw new KmsException(
          "LimitExceededException", "the key policy is larger than " + POLICY_LIMIT + " bytes");
    }
    ReadResult read = validator.validate(name, text);
    if (read.hasErrors() || read.policy() == null) {
      String first =
          read.diagnostics().stream()
              .filter(Diagnostic::isError)
              .findFirst()
              .map(d -> d.code() + " " + d.message())
              .orElse("not a policy");
      throw new KmsException(
          "MalformedPolicyDocumentException", "the key policy is invalid: " + first);
    }
    CompiledPolicy compiled = CompiledPolicy.compile(name, PolicyKind.KEY_POLICY, read);
    if (!compiled.errors().isEmpty()) {
      throw new KmsException(
          "MalformedPolicyDocumentException",
          "the key policy is invalid: " + compiled.errors().get(0).message());
    }
    return compiled;
  }

  /**
   * A check of {@code permission} ({@code kms:Name}) on {@code resource} (a key ARN, an alias ARN
   * for the alias half of alias operations, or null for permissions without a key).
   */
  Check check(
      Subject s,
      String permission,
      String resource,
      CompiledPolicy keyPolicy,
      KeyFacts key,
      List<StoreState.Grant> grants,
      RequestContext.Builder request,
      Call call,
      Instant now) {
    return complete(
        prepare(s, permission, resource, keyPolicy, key, grants, call, false),
        request.build(),
        now);
  }

  /** What a key check needs from the store's records, fetched only when not prepared yet. */
  record KeyInputs(CompiledPolicy policy, KeyFacts facts, List<StoreState.Grant> grants) {}

  /**
   * {@link #check} of a key permission, reusing the policies and derived context of an earlier
   * check by the same caller of the same permission on the same key through the same connection
   * facts. Valid only while the store's records are unchanged: the store calls {@link #forget}
   * after every change, and uses this only in calls that change nothing.
   */
  Check checkKey(
      Subject s,
      String permission,
      String resource,
      java.util.function.Supplier<KeyInputs> key,
      RequestContext.Builder request,
      Call call,
      Instant now) {
    PreparedKey k =
        new PreparedKey(
            call.caller(),
            permission,
            resource,
            call.viaService(),
            call.environment(),
            call.region());
    Prepared p = prepared.get(k);
    if (p == null) {
      KeyInputs in = key.get();
      p = prepare(s, permission, resource, in.policy(), in.facts(), in.grants(), call, true);
      if (prepared.size() >= MAX_PREPARED) {
        prepared.clear();
      }
      prepared.put(k, p);
    }
    return complete(p, request.build(), now);
  }

  /** Drops every prepared check: the store's records changed. */
  void forget() {
    prepared.clear();
  }

  /** Bounds the prepared checks, as callers may be arbitrary principals. */
  private static final int MAX_PREPARED = 4096;

  private record PreparedKey(
      String caller,
      String permission,
      String resource,
      String viaService,
      Map<String, List<String>> environment,
      String region) {}

  /**
   * The part of a check that depends on who calls which permission on what, not on the request.
   * {@code readsTime} is false when no policy of the set mentions {@code aws:CurrentTime} or {@code
   * aws:EpochTime} (as a condition key or a policy variable): the decision cannot depend on them,
   * so they need not be formatted for every call.
   */
  private record Prepared(
      String permission,
      String resource,
      String resourceAccount,
      Caller caller,
      PolicySet policies,
      RequestContext derived,
      boolean readsTime) {}

  private final java.util.concurrent.ConcurrentHashMap<PreparedKey, Prepared> prepared =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Prepared prepare(
      Subject s,
      String permission,
      String resource,
      CompiledPolicy keyPolicy,
      KeyFacts key,
      List<StoreState.Grant> grants,
      Call call,
      boolean analyzeTime) {
    Caller caller = s.caller();
    KmsAction action =
        KmsCatalog.get()
            .action(permission)
            .orElseThrow(() -> new IllegalArgumentException("unknown permission " + permission));
    PolicySet.Builder set = PolicySet.builder();
    if (keyPolicy != null) {
      set.keyPolicy(keyPolicy);
    }
    World.Identity identity = s.identity();
    if (identity != null) {
      identity.policies().forEach(p -> set.identityPolicy(p.compiled()));
      if (identity.boundary() != null) {
        set.permissionsBoundary(identity.boundary().compiled());
      }
      if (identity.sessionPolicy() != null) {
        set.sessionPolicy(identity.sessionPolicy().compiled());
      }
    }
    s.account().ifPresent(a -> a.scpLevels().forEach(level -> set.scpLevel(compiled(level))));
    String resourceAccount = key != null ? key.account() : caller.account();
    if (key != null) {
      world
          .account(key.account())
          .ifPresent(a -> a.rcpLevels().forEach(l -> set.rcpLevel(compiled(l))));
    }
    for (StoreState.Grant g : grants) {
      set.grant(
          new Grant(
              g.grantId(),
              g.grantee(),
              Set.copyOf(g.operations()),
              g.contextEquals(),
              g.contextSubset()));
    }
    RequestContext.Builder b = RequestContext.builder();
    if (call.viaService() != null) {
      b.putIfAbsent("kms:ViaService", call.viaService());
      if (RequestFacts.GRANT_ACTIONS.contains(action.name())) {
        b.putIfAbsent("kms:GrantIsForAWSResource", "true");
      }
    }
    RequestFacts.principal(b, identity, s.account());
    if (key != null) {
      RequestFacts.resource(
          b,
          action,
          world.account(key.account()),
          new RequestFacts.KeyFacts(
              key.tags(),
              key.aliases(),
              key.spec(),
              key.usage(),
              key.origin(),
              key.multiRegion(),
              key.primary()));
    }
    for (Map.Entry<String, List<String>> e : call.environment().entrySet()) {
      if (e.getValue().size() == 1) {
        b.putIfAbsent(e.getKey(), e.getValue().get(0));
      } else {
        b.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    b.putIfAbsent("aws:RequestedRegion", call.region());
    RequestContext derived =
        ContextDeriver.derive(caller, permission, resource, resourceAccount, b.build());
    PolicySet policies = set.build();
    return new Prepared(
        permission,
        resource,
        resourceAccount,
        caller,
        policies,
        derived,
        !analyzeTime || policies.mentions("aws:CurrentTime") || policies.mentions("aws:EpochTime"));
  }

  private Check complete(Prepared p, RequestContext request, Instant now) {
    RequestContext.Builder b = ContextDeriver.complete(p.derived(), request);
    if (p.readsTime()) {
      Second second = second(now);
      b.putIfAbsent("aws:CurrentTime", currentTime(now, second.prefix()));
      b.putIfAbsent("aws:EpochTime", second.epoch());
    }
    AccessRequest r =
        new AccessRequest(p.caller(), p.permission(), p.resource(), p.resourceAccount(), b.build());
    return new Check(p.permission(), p.resource(), new Authorizer.Check(p.policies(), r));
  }

  /** The whole-second part of {@code aws:CurrentTime} and {@code aws:EpochTime} of a second. */
  private record Second(long epochSecond, String prefix, String epoch) {
    static Second of(long epochSecond) {
      String whole = Instant.ofEpochSecond(epochSecond).toString();
      return new Second(
          epochSecond, whole.substring(0, whole.length() - 1), Long.toString(epochSecond));
    }
  }

  /** The last second formatted: calls come many to a second. */
  private volatile Second lastSecond = Second.of(0);

  private Second second(Instant now) {
    Second s = lastSecond;
    if (s.epochSecond() != now.getEpochSecond()) {
      s = Second.of(now.getEpochSecond());
      lastSecond = s;
    }
    return s;
  }

  /** {@code aws:CurrentTime} as {@link Instant#toString} writes it, from its formatted second. */
  static String currentTime(Instant now, String secondPrefix) {
    int nanos = now.getNano();
    if (nanos == 0) {
      return secondPrefix + "Z";
    } else if (nanos % 1_000_000 == 0) {
      return secondPrefix + "." + digits(nanos / 1_000_000, 3) + "Z";
    } else if (nanos % 1_000 == 0) {
      return secondPrefix + "." + digits(nanos / 1_000, 6) + "Z";
    }
    return secondPrefix + "." + digits(nanos, 9) + "Z";
  }

  /** {@link #currentTime} for any instant, for tests. */
  static String currentTime(Instant now) {
    return currentTime(now, Second.of(now.getEpochSecond()).prefix());
  }

  private static String digits(int value, int width) {
    char[] c = new char[width];
    for (int i = width - 1; i >= 0; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return new String(c);
  }

  /** The engine's decision on one check. */
  Evaluation decide(Check c) {
    return authorizer.decide(c.check().policies(), c.check().request());
  }

  /** True when the evaluation allows. */
  static boolean allowed(Evaluation e) {
    return e.decision() == Decision.ALLOW && !e.failedClosed();
  }

  /** AWS's wording of a refusal. */
  static String deniedMessage(Subject s, Check c, Evaluation e) {
    String resource = c.resource() == null ? "*" : c.resource();
    String prefix =
        "User: "
            + s.caller().arn()
            + " is not authorized to perform: "
            + c.permission()
            + " on resource: "
            + resource;
    if (e.decision() == Decision.EXPLICIT_DENY) {
      Reason.StatementMatch m = e.reason(Reason.StatementMatch.class);
      String where = m == null ? "a policy" : policyWords(m.kind());
      return prefix + " with an explicit deny in " + where;
    }
    Reason.Missing missing = e.reason(Reason.Missing.class);
    String what = "resource-based policy";
    if (missing != null) {
      what =
          switch (missing.link()) {
            case NO_IDENTITY_ALLOW -> "identity-based policy";
            case PERMISSIONS_BOUNDARY -> "permissions boundary";
            case SESSION_POLICY -> "session policy";
            case SCP -> "service control policy";
            case RCP -> "resource control policy";
            default -> "resource-based policy";
          };
    }
    return prefix + " because no " + what + " allows the " + c.permission() + " action";
  }

  private static String policyWords(PolicyKind kind) {
    return switch (kind) {
      case KEY_POLICY -> "a resource-based policy";
      case IDENTITY -> "an identity-based policy";
      case PERMISSIONS_BOUNDARY -> "a permissions boundary";
      case SESSION_POLICY -> "a session policy";
      case SCP -> "a service control policy";
      case RCP -> "a resource control policy";
    };
  }

  /** The deciding statements and grants of an evaluation, for the audit record. */
  static List<String> deciding(Evaluation e) {
    List<String> out = new ArrayList<>(e.reasons().size());
    for (Reason r : e.reasons()) {
      if (r instanceof Reason.NearMiss) {
        continue;
      }
      String d = r.describe();
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** The grant that allowed an evaluation, or null. */
  static String allowingGrant(Evaluation e) {
    Reason.GrantMatch g = e.reason(Reason.GrantMatch.class);
    return g == null ? null : g.grant();
  }

  private static List<CompiledPolicy> compiled(List<World.LoadedPolicy> level) {
    return level.stream().map(World.LoadedPolicy::compiled).toList();
  }
}
