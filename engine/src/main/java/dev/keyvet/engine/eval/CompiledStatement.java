package dev.keyvet.engine.eval;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One statement, compiled: principals in hash sets by kind, actions as a bit set over the
 * catalogue, resources as ARN globs, conditions compiled. A statement missing an element, or with
 * an effect that did not parse, never applies.
 */
final class CompiledStatement {
  final Effect effect;
  final boolean inert;
  private final boolean principalsImplicit;
  private final boolean notPrincipal;
  private final boolean anyPrincipal;
  private final boolean invalidPrincipal;

  /** The accounts named, each with the partitions it is named in ({@code *}: the key's). */
  private final java.util.Map<String, Set<String>> accounts = new java.util.HashMap<>();

  private final Set<String> exact = new HashSet<>();
  private final Set<String> roles = new HashSet<>();
  private final Set<String> services = new HashSet<>();
  private final boolean notAction;
  private final long[] actionBits;
  private final String[] actionPatterns;
  private final boolean notResource;
  private final boolean anyResource;
  private final ArnGlob[] resources;
  private final Template[] resourceTemplates;
  private final CompiledCondition[] conditions;

  CompiledStatement(Statement s, boolean hasPrincipals) {
    this.effect = s.effect();
    this.principalsImplicit = !hasPrincipals;
    this.inert =
        s.effect() == null
            || s.action() == null
            || s.resource() == null
            || (hasPrincipals && s.principal() == null);
    boolean any = false;
    boolean invalid = false;
    if (hasPrincipals && s.principal() != null) {
      for (Principal p : s.principal().principals()) {
        if (p instanceof Principal.Any) {
          any = true;
        } else if (p instanceof Principal.Account a) {
          // A bare account ID is that account's root in the key's own partition.
          accounts
              .computeIfAbsent(a.accountId(), x -> new HashSet<>())
              .add(a.text().equals(a.accountId()) ? "*" : a.partition());
        } else if (p instanceof Principal.IamRole role) {
          roles.add(role.arn().text());
        } else if (p instanceof Principal.IamUser
            || p instanceof Principal.AssumedRole
            || p instanceof Principal.FederatedUser) {
          exact.add(p.text());
        } else if (p instanceof Principal.Service svc) {
          services.add(svc.name());
        } else if (p instanceof Principal.Invalid bad
            && !DeletedPrincipals.isUniqueId(bad.text())) {
          invalid = true;
        }
      }
    }
    this.anyPrincipal = any;
    this.invalidPrincipal = invalid;
    this.notPrincipal = s.principal() != null && s.principal().negated();
    List<String> patterns = new ArrayList<>();
    this.notAction = s.action() != null && s.action().negated();
    if (s.action() != null) {
      for (Text t : s.action().patterns()) {
        patterns.add(t.value());
      }
    }
    this.actionBits = KmsCatalog.get().actionSet(patterns).toBits();
    this.actionPatterns = patterns.toArray(new String[0]);
    this.notResource = s.resource() != null && s.resource().negated();
    boolean anyRes = false;
    List<ArnGlob> globs = new ArrayList<>();
    List<Template> dynamic = new ArrayList<>();
    if (s.resource() != null) {
      for (Template t : s.resource().patterns()) {
        if (t.text().equals("*")) {
          anyRes = true;
        } else if (t.hasVariables()) {
          dynamic.add(t);
        } else {
          globs.add(ArnGlob.of(Glob.of(t, new String[0])));
        }
      }
    }
    this.anyResource = anyRes;
    this.resources = globs.toArray(new ArnGlob[0]);
    this.resourceTemplates = dynamic.toArray(new Template[0]);
    this.conditions = new CompiledCondition[s.conditions().size()];
    for (int i = 0; i < conditions.length; i++) {
      Condition c = s.conditions().get(i);
      conditions[i] = new CompiledCondition(c);
    }
  }

  /** True when the action element covers the request's action. */
  /** True when the action element covers the catalogue action at {@code index}. */
  boolean coversActionIndex(int index) {
    return ((actionBits[index >> 6] & (1L << (index & 63))) != 0) != notAction;
  }

  boolean action(EvalRequest r) {
    boolean listed;
    if (r.actionIndex >= 0) {
      listed = (actionBits[r.actionIndex >> 6] & (1L << (r.actionIndex & 63))) != 0;
    } else {
      listed = false;
      for (String p : actionPatterns) {
        if (Wildcards.matches(p, r.action, true)) {
          listed = true;
          break;
        }
      }
    }
    return listed != notAction;
  }

  /** How the principal element covers the caller. */
  PrincipalMatch principal(EvalRequest r) {
    if (principalsImplicit) {
      return PrincipalMatch.IMPLICIT;
    }
    Caller c = r.caller;
    if (notPrincipal) {
      if (effect != Effect.DENY) {
        return PrincipalMatch.NONE;
      }
      if (r.hasBoundary && (c.type() == CallerType.USER || c.type() == CallerType.ROLE_SESSION)) {
        return PrincipalMatch.NOT_EXEMPT;
      }
      return anyPrincipal || exempt(c) ? PrincipalMatch.NONE : PrincipalMatch.NOT_EXEMPT;
    }
    if (c.type() == CallerType.SERVICE) {
      if (services.contains(c.arn())) {
        return PrincipalMatch.SERVICE;
      }
      return anyPrincipal ? PrincipalMatch.ANY : deniedInvalid();
    }
    if (!exact.isEmpty() && c.type() != CallerType.ROOT && exact.contains(c.arn())) {
      return PrincipalMatch.EXACT;
    }
    if (anyPrincipal) {
      return PrincipalMatch.ANY;
    }
    if (c.type() == CallerType.ROLE_SESSION && roles.contains(c.principalArn())) {
      return PrincipalMatch.ROLE;
    }
    if (namesAccount(c)) {
      return PrincipalMatch.ACCOUNT;
    }
    return deniedInvalid();
  }

  /**
   * A principal entry that did not parse might have named anyone: in a Deny it is taken to cover
   * the caller (fail closed); in an Allow it covers no one.
   */
  private PrincipalMatch deniedInvalid() {
    return invalidPrincipal && effect == Effect.DENY ? PrincipalMatch.ANY : PrincipalMatch.NONE;
  }

  /** True when NotPrincipal lists every identity in the caller's chain. */
  private boolean exempt(Caller c) {
    if (c.type() == CallerType.SERVICE) {
      return services.contains(c.arn());
    }
    if (!namesAccount(c)) {
      return false;
    }
    switch (c.type()) {
      case ROOT:
        return true;
      case ROLE_SESSION:
        return roles.contains(c.principalArn()) && exact.contains(c.arn());
      default:
        return exact.contains(c.arn());
    }
  }

  private boolean namesAccount(Caller c) {
    if (accounts.isEmpty()) {
      return false;
    }
    Set<String> partitions = accounts.get(c.account());
    return partitions != null && (partitions.contains(c.partition()) || partitions.contains("*"));
  }

  /** True when the resource element covers the request's key. */
  boolean resource(EvalRequest r) {
    String key = r.request.resource();
    boolean listed = anyResource;
    if (!listed && key != null) {
      for (ArnGlob g : resources) {
        if (g.matches(key)) {
          listed = true;
          break;
        }
      }
      for (int i = 0; !listed && i < resourceTemplates.length; i++) {
        ArnGlob g = Substitution.arnGlob(resourceTemplates[i], r);
        listed = g != null && g.matches(key);
      }
    }
    return listed != notResource;
  }

  /** True when every condition holds. */
  boolean conditions(EvalRequest r) {
    for (CompiledCondition c : conditions) {
      if (!c.evaluate(r)) {
        return false;
      }
    }
    return true;
  }
}
