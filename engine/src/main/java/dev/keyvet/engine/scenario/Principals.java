package dev.keyvet.engine.scenario;

import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.scenario.World.Account;
import dev.keyvet.engine.scenario.World.Identity;
import dev.keyvet.engine.scenario.World.IdentityKind;
import dev.keyvet.engine.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the principal a query or grant names, among the scenario's accounts and identities. */
final class Principals {
  private final List<Account> accounts;
  private final List<Identity> identities;

  Principals(List<Account> accounts, List<Identity> identities) {
    this.accounts = accounts;
    this.identities = identities;
  }

  /**
   * A resolved principal: the caller ARN, the scenario identity when it is one (null for account
   * roots, services and principals the scenario does not declare), and a label for output; or an
   * error message.
   */
  record Resolved(String arn, Identity identity, String label, String error) {
    static Resolved error(String message) {
      return new Resolved(null, null, null, message);
    }
  }

  Resolved resolve(Ast.PrincipalRef ref) {
    List<String> path = ref.path();
    return switch (ref.kind()) {
      case ACCOUNT -> {
        String id = path.get(0);
        if (!ScenarioLoader.ACCOUNT_ID.matcher(id).matches()) {
          yield Resolved.error("an account ID has 12 digits, not `" + id + "`");
        }
        yield new Resolved("arn:aws:iam::" + id + ":root", null, "account " + id, null);
      }
      case SERVICE -> {
        String name = path.get(0);
        String service = name.contains(".") ? name : name + ".amazonaws.com";
        yield new Resolved(service, null, "service " + service, null);
      }
      case ARN -> arn(path.get(0));
      case ROLE -> named(IdentityKind.ROLE, "role", path);
      case USER -> named(IdentityKind.USER, "user", path);
      case SESSION -> session(path);
    };
  }

  private Resolved arn(String arn) {
    for (Identity i : identities) {
      if (i.arn().equals(arn)) {
        return new Resolved(arn, i, i.label(), null);
      }
    }
    try {
      Caller.parse(arn);
    } catch (IllegalArgumentException e) {
      return Resolved.error(e.getMessage());
    }
    return new Resolved(arn, null, arn, null);
  }

  private Resolved named(IdentityKind kind, String word, List<String> path) {
    if (path.size() > 2) {
      return Resolved.error(
          "write `"
              + word
              + " NAME` or `"
              + word
              + " ACCOUNT/NAME`, not `"
              + String.join("/", path)
              + "`");
    }
    String name = path.get(path.size() - 1);
    List<Identity> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Identity i : identities) {
      if (i.kind() != kind) {
        continue;
      }
      names.add(i.name());
      if (i.name().equals(name) && (path.size() == 1 || inAccount(i.account(), path.get(0)))) {
        found.add(i);
      }
    }
    if (found.size() == 1) {
      return new Resolved(found.get(0).arn(), found.get(0), found.get(0).label(), null);
    }
    if (found.size() > 1) {
      List<String> where = found.stream().map(i -> i.account().label()).toList();
      return Resolved.error(
          word
              + " `"
              + name
              + "` is in several accounts ("
              + String.join(", ", where)
              + "); write `"
              + word
              + " ACCOUNT/"
              + name
              + "`");
    }
    if (path.size() == 2 && accounts.stream().noneMatch(a -> inAccount(a, path.get(0)))) {
      return Resolved.error(
          "no account `" + path.get(0) + "` in the scenario" + hintAccount(path.get(0)));
    }
    String hint =
        DidYouMean.suggest(name, names).map(s -> "; did you mean `" + s + "`?").orElse("");
    return Resolved.error(
        "no " + word + " `" + String.join("/", path) + "` in the scenario" + hint);
  }

  private Resolved session(List<String> path) {
    if (path.size() < 2 || path.size() > 3) {
      return Resolved.error("write `session ROLE/SESSION` or `session ACCOUNT/ROLE/SESSION`");
    }
    String sessionName = path.get(path.size() - 1);
    List<String> rolePath = path.subList(0, path.size() - 1);
    for (Identity i : identities) {
      if (i.kind() == IdentityKind.SESSION
          && i.name().equals(sessionName)
          && i.roleName().equals(rolePath.get(rolePath.size() - 1))
          && (rolePath.size() == 1 || inAccount(i.account(), rolePath.get(0)))) {
        return new Resolved(i.arn(), i, i.label(), null);
      }
    }
    Resolved role = named(IdentityKind.ROLE, "role", rolePath);
    if (role.error() != null) {
      return role;
    }
    Identity r = role.identity();
    if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
      return Resolved.error("`" + sessionName + "` is not a valid session name");
    }
    // A session the scenario does not declare: the role's permissions, no session policy.
    Identity session =
        new Identity(
            IdentityKind.SESSION,
            r.account(),
            sessionName,
            r.name(),
            "arn:aws:sts::" + r.account().id() + ":assumed-role/" + r.name() + "/" + sessionName,
            r.arn(),
            r.policies(),
            r.boundary(),
            null,
            Map.copyOf(r.tags()),
            r.span());
    return new Resolved(session.arn(), session, session.label(), null);
  }

  private static boolean inAccount(Account a, String ref) {
    return a.id().equals(ref) || a.name().equals(ref);
  }

  private String hintAccount(String ref) {
    List<String> known = new ArrayList<>();
    for (Account a : accounts) {
      known.add(a.id());
      if (!a.name().isEmpty()) {
        known.add(a.name());
      }
    }
    return DidYouMean.suggest(ref, known).map(s -> "; did you mean `" + s + "`?").orElse("");
  }
}
