package dev.keyvet.engine.scenario;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.AssumedIdentity;
import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.Grant;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.Reason;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.scenario.World.Account;
import dev.keyvet.engine.scenario.World.Identity;
import dev.keyvet.engine.scenario.World.LoadedPolicy;
import dev.keyvet.engine.text.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers questions about a {@link World}: {@code can PRINCIPAL ACTION on KEY} and {@code who can
 * ACTION on KEY}. Each request is built the way AWS builds it — the caller's identity policies,
 * boundary, session policy and tags, the SCPs of the caller's account and the RCPs of the key's,
 * the key's policy, grants, tags, aliases and attributes — and decided by the {@link Authorizer}.
 * Thread-safe once built.
 */
public final class Simulator {
  private final World world;
  private final Authorizer authorizer = new Authorizer();

  public Simulator(World world) {
    this.world = world;
  }

  /** The outcome of a {@code can} question. */
  public enum Outcome {
    /** Authorized. */
    ALLOW,
    /** Refused by an explicit Deny. */
    EXPLICIT_DENY,
    /** Not allowed by anything. */
    IMPLICIT_DENY,
    /** KMS would reject the request whatever the policies say (wrong Region, wrong key usage). */
    FAILS,
    /** The question or the scenario has errors; nothing is allowed. */
    ERROR
  }

  /**
   * The answer to a {@code can} question.
   *
   * @param question the question as written
   * @param principal who asked, for people
   * @param action the permission, {@code kms:Name}
   * @param key the key ARN used
   * @param outcome the outcome
   * @param evaluation the evaluator's answer, with its reasons (null for FAILS and ERROR)
   * @param failure why KMS would reject the request (FAILS), else empty
   * @param problems what is wrong with the question (ERROR)
   */
  public record Answer(
      String question,
      String principal,
      String action,
      String key,
      Outcome outcome,
      Evaluation evaluation,
      String failure,
      List<Diagnostic> problems) {
    public Answer {
      problems = List.copyOf(problems);
    }
  }

  /**
   * One entry of a {@code who can} answer.
   *
   * @param who the principal or class of principals, for people
   * @param arn the principal ARN asked about (a stand-in for classes)
   * @param kind {@code principal}, {@code account}, {@code any principal of account}, {@code
   *     service} or {@code anyone}
   * @param statements the allowing statements, {@code policy statement (file:line)}
   */
  public record Entry(String who, String arn, String kind, List<String> statements) {}

  /** The answer to a {@code who can} question: every allowed principal and class. */
  public record WhoCan(
      String question, String action, String key, List<Entry> entries, List<Diagnostic> problems) {
    public WhoCan {
      entries = List.copyOf(entries);
      problems = List.copyOf(problems);
    }
  }

  /**
   * What is wrong with a question's names (principal, key, action, condition keys, Region) in this
   * world, whether or not the world itself has errors.
   */
  public List<Diagnostic> problems(Ast.Query q) {
    List<Diagnostic> problems = new ArrayList<>();
    target(q, problems);
    if (q.principal() != null) {
      Principals.Resolved who =
          new Principals(world.accounts(), world.identities()).resolve(q.principal());
      if (who.error() != null) {
        problems.add(Diagnostic.of(Code.KV002, q.principal().span(), who.error()));
      }
    }
    return problems;
  }

  /** Answers a {@code can} question. */
  public Answer can(Ast.Query q) {
    List<Diagnostic> problems = new ArrayList<>(blocking());
    Target target = target(q, problems);
    Principals.Resolved who =
        new Principals(world.accounts(), world.identities()).resolve(q.principal());
    if (who.error() != null) {
      problems.add(Diagnostic.of(Code.KV002, q.principal().span(), who.error()));
    }
    if (!problems.isEmpty() || target == null) {
      return new Answer(
          q.text(),
          who.label() == null ? q.principal().text() : who.label(),
          q.action().value(),
          "",
          Outcome.ERROR,
          null,
          "",
          problems);
    }
    return decide(q.text(), who.arn(), who.identity(), who.label(), target, false);
  }

  /** Answers a {@code who can} question. */
  public WhoCan whoCan(Ast.Query q) {
    List<Diagnostic> problems = new ArrayList<>(blocking());
    Target target = target(q, problems);
    if (!problems.isEmpty() || target == null) {
      return new WhoCan(q.text(), q.action().value(), "", List.of(), problems);
    }
    List<Entry> entries = new ArrayList<>();
    for (Identity i : world.identities()) {
      Answer a = decide(q.text(), i.arn(), i, i.label(), target, false);
      if (a.outcome() == Outcome.ALLOW) {
        entries.add(entry(i.label(), i.arn(), "principal", a));
      }
    }
    Set<String> accounts = new LinkedHashSet<>();
    world.accounts().forEach(a -> accounts.add(a.id()));
    accounts.addAll(accountsNamedIn(target.policy));
    for (String account : accounts) {
      String root = "arn:aws:iam::" + account + ":root";
      Answer a = decide(q.text(), root, null, "account " + account, target, false);
      if (a.outcome() == Outcome.ALLOW) {
        entries.add(entry("account " + account + " (root user)", root, "account", a));
      }
      String standIn = "arn:aws:iam::" + account + ":role/any-principal";
      Answer bare = decide(q.text(), standIn, null, standIn, target, false);
      if (bare.outcome() == Outcome.ALLOW) {
        entries.add(
            entry(
                "any principal of account " + account + ", without any IAM policy",
                standIn,
                "any principal of account",
                bare));
        continue;
      }
      Answer any = decide(q.text(), standIn, null, standIn, target, true);
      if (any.outcome() == Outcome.ALLOW) {
        entries.add(
            entry(
                "any principal of account " + account + " whose IAM policies allow it",
                standIn,
                "any principal of account",
                any));
      }
    }
    for (String service : servicesNamedIn(target.policy)) {
      Answer a = decide(q.text(), service, null, "service " + service, target, false);
      if (a.outcome() == Outcome.ALLOW) {
        entries.add(entry("service " + service, service, "service", a));
      }
    }
    String outsider = "arn:aws:iam::" + unusedAccount(accounts) + ":role/anyone";
    Answer anyone = decide(q.text(), outsider, null, outsider, target, true);
    if (anyone.outcome() == Outcome.ALLOW) {
      entries.add(entry("anyone: any principal of any AWS account", outsider, "anyone", anyone));
    }
    return new WhoCan(q.text(), target.action.qualifiedName(), target.arn, entries, List.of());
  }

  private Entry entry(String who, String arn, String kind, Answer a) {
    List<String> statements = new ArrayList<>();
    for (Reason r : a.evaluation().reasons()) {
      if (r instanceof Reason.StatementMatch m && m.policy().equals(AssumedIdentity.NAME)) {
        continue;
      }
      if (r instanceof Reason.StatementMatch m) {
        statements.add(
            m.kind().label()
                + " `"
                + m.policy()
                + "` statement `"
                + m.statement()
                + "`"
                + (m.span().isUnknown() ? "" : " (" + m.span().location() + ")"));
      } else if (r instanceof Reason.GrantMatch g) {
        statements.add("grant `" + g.grant() + "`");
      } else if (r instanceof Reason.Inherent in) {
        statements.add(in.describe());
      }
    }
    return new Entry(who, arn, kind, statements);
  }

  /** The key, Region and action a question is about. */
  private static final class Target {
    World.Key key;
    String region;
    String arn;
    KmsAction action;
    LoadedPolicy policy;
    Ast.Query query;
  }

  private Target target(Ast.Query q, List<Diagnostic> problems) {
    Target t = new Target();
    t.query = q;
    Optional<KmsAction> action = KmsCatalog.get().action(q.action().value());
    if (action.isEmpty()) {
      String hint =
          KmsCatalog.get()
              .suggestAction(q.action().value())
              .map(s -> "; did you mean `" + s + "`?")
              .orElse("");
      problems.add(
          Diagnostic.of(
              Code.KV004,
              q.action().span(),
              "`" + q.action().value() + "` is not a KMS permission" + hint));
    } else {
      t.action = action.get();
    }
    String ref = q.key().text();
    String arnRegion = null;
    List<World.Key> named = new ArrayList<>();
    for (World.Key k : world.keys()) {
      if (k.name().equals(ref)) {
        named.add(k);
      } else if (k.aliases().contains(ref)
          && (q.region() == null || k.region().equals(q.region().value()))) {
        // Aliases are unique per account and Region; `in REGION` picks the Region's.
        named.add(k);
      }
    }
    if (named.size() > 1) {
      List<String> where =
          named.stream()
              .map(k -> "`" + k.name() + "` in " + k.account().id() + " " + k.region())
              .toList();
      problems.add(
          Diagnostic.of(
              Code.KV002,
              q.key().span(),
              "`"
                  + ref
                  + "` names more than one key ("
                  + String.join(", ", where)
                  + "); add `in REGION`, or use the key's name or ARN"));
      return null;
    }
    if (named.size() == 1) {
      t.key = named.get(0);
    }
    for (World.Key k : world.keys()) {
      for (String region : k.regions()) {
        if (k.arn(region).equals(ref)) {
          t.key = k;
          arnRegion = region;
        }
        for (String alias : k.aliases()) {
          if (("arn:aws:kms:" + region + ":" + k.account().id() + ":" + alias).equals(ref)) {
            t.key = k;
            arnRegion = region;
          }
        }
      }
    }
    if (t.key == null) {
      List<String> names = new ArrayList<>();
      world.keys().forEach(k -> names.add(k.name()));
      String hint =
          DidYouMean.suggest(ref, names).map(s -> "; did you mean `" + s + "`?").orElse("");
      problems.add(
          Diagnostic.of(Code.KV002, q.key().span(), "no key `" + ref + "` in the scenario" + hint));
      return null;
    }
    t.region =
        q.region() != null ? q.region().value() : arnRegion != null ? arnRegion : t.key.region();
    if (q.region() != null && !ScenarioLoader.REGION.matcher(t.region).matches()) {
      problems.add(
          Diagnostic.of(
              Code.KV004,
              q.region().span(),
              "`" + t.region + "` is not a Region, e.g. `eu-west-1`"));
    }
    t.arn = t.key.arn(t.region);
    t.policy = t.key.region().equals(t.region) ? t.key.policy() : t.key.replicas().get(t.region);
    for (Ast.ContextEntry e : q.context()) {
      String name = e.key().value();
      Optional<ResolvedConditionKey> known = KmsCatalog.get().conditionKey(name);
      if (known.isEmpty()) {
        String hint =
            KmsCatalog.get()
                .suggestConditionKey(name)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("");
        problems.add(
            Diagnostic.of(
                Code.KV002,
                e.key().span(),
                "`" + name + "` is not a condition key KMS knows" + hint));
      }
    }
    return problems.isEmpty() ? t : null;
  }

  /** Errors in the world make every answer an error: nothing is allowed on invalid input. */
  private List<Diagnostic> blocking() {
    return world.diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  private Answer decide(
      String question,
      String callerArn,
      Identity identity,
      String label,
      Target t,
      boolean assumeIdentityAllows) {
    String action = t.action.qualifiedName();
    if (t.policy == null) {
      String where =
          t.key.multiRegion()
              ? " or its replicas (" + String.join(", ", t.key.regions()) + ")"
              : "; KMS keys are regional, so re-encrypt the data under a key in "
                  + t.region
                  + ", or use a multi-Region key with a replica there";
      return new Answer(
          question,
          label,
          action,
          t.key.arn(),
          Outcome.FAILS,
          null,
          "key `" + t.key.name() + "` is in " + t.key.region() + ", not in " + t.region + where,
          List.of());
    }
    Caller caller;
    try {
      caller = Caller.parse(callerArn);
    } catch (IllegalArgumentException e) {
      return new Answer(
          question,
          label,
          action,
          t.arn,
          Outcome.ERROR,
          null,
          "",
          List.of(Diagnostic.of(Code.KV004, t.query.span(), e.getMessage())));
    }
    PolicySet.Builder set = PolicySet.builder().keyPolicy(t.policy.compiled());
    if (identity != null) {
      identity.policies().forEach(p -> set.identityPolicy(p.compiled()));
      if (identity.boundary() != null) {
        set.permissionsBoundary(identity.boundary().compiled());
      }
      if (identity.sessionPolicy() != null) {
        set.sessionPolicy(identity.sessionPolicy().compiled());
      }
    } else if (assumeIdentityAllows) {
      set.identityPolicy(AssumedIdentity.POLICY);
    }
    Optional<Account> callerAccount =
        caller.account().isEmpty() ? Optional.empty() : world.account(caller.account());
    callerAccount.ifPresent(a -> a.scpLevels().forEach(level -> set.scpLevel(compiled(level))));
    t.key.account().rcpLevels().forEach(level -> set.rcpLevel(compiled(level)));
    for (World.GrantDecl g : t.key.grants()) {
      set.grant(
          new Grant(g.name(), g.grantee(), Set.copyOf(g.operations()), g.equals(), g.subset()));
    }
    RequestContext context = context(t, caller, identity, callerAccount);
    String usage = KeyUsage.problem(t.key, t.action.name(), t.region, context);
    if (usage != null) {
      return new Answer(question, label, action, t.arn, Outcome.FAILS, null, usage, List.of());
    }
    RequestContext derived =
        ContextDeriver.derive(caller, action, t.arn, t.key.account().id(), context);
    Evaluation e =
        authorizer.explain(
            set.build(), new AccessRequest(caller, action, t.arn, t.key.account().id(), derived));
    Outcome outcome =
        e.failedClosed()
            ? Outcome.ERROR
            : switch (e.decision()) {
              case ALLOW -> Outcome.ALLOW;
              case EXPLICIT_DENY -> Outcome.EXPLICIT_DENY;
              default -> Outcome.IMPLICIT_DENY;
            };
    return new Answer(question, label, action, t.arn, outcome, e, "", e.errors());
  }

  private static List<CompiledPolicy> compiled(List<LoadedPolicy> level) {
    return level.stream().map(LoadedPolicy::compiled).toList();
  }

  /** The request's context: what the question states, then what the scenario knows. */
  private RequestContext context(
      Target t, Caller caller, Identity identity, Optional<Account> callerAccount) {
    RequestContext.Builder b = RequestContext.builder();
    for (Ast.ContextEntry e : t.query.context()) {
      List<String> values = e.values().stream().map(Ast.Literal::text).toList();
      if (e.list()) {
        b.put(e.key().value(), values);
      } else {
        b.put(e.key().value(), values.get(0));
      }
    }
    if (t.query.via() != null) {
      RequestFacts.via(b, t.query.via().value(), t.region, t.action);
    }
    RequestFacts.principal(b, identity, callerAccount);
    RequestFacts.resource(
        b,
        t.action,
        Optional.of(t.key.account()),
        new RequestFacts.KeyFacts(
            t.key.tags(),
            t.key.aliases(),
            t.key.spec(),
            t.key.usage(),
            t.key.origin(),
            t.key.multiRegion(),
            t.key.region().equals(t.region)));
    return b.build();
  }

  private static Set<String> accountsNamedIn(LoadedPolicy policy) {
    Set<String> out = new LinkedHashSet<>();
    if (policy == null || policy.read().policy() == null) {
      return out;
    }
    for (Statement s : policy.read().policy().statements()) {
      if (s.principal() == null) {
        continue;
      }
      for (Principal p : s.principal().principals()) {
        if (p instanceof Principal.Account a) {
          out.add(a.accountId());
        } else if (!(p instanceof Principal.Service)) {
          Arn.tryParse(p.text()).map(Arn::account).filter(Arn::isAccountId).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static Set<String> servicesNamedIn(LoadedPolicy policy) {
    Set<String> out = new LinkedHashSet<>();
    if (policy == null || policy.read().policy() == null) {
      return out;
    }
    for (Statement s : policy.read().policy().statements()) {
      if (s.principal() != null) {
        for (Principal p : s.principal().principals()) {
          if (p instanceof Principal.Service svc) {
            out.add(svc.name());
          }
        }
      }
    }
    return out;
  }

  private static String unusedAccount(Set<String> used) {
    for (long n = 999999999999L; ; n--) {
      String id = Long.toString(n);
      if (!used.contains(id)) {
        return id;
      }
    }
  }
}
