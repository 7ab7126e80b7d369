package dev.keyvet.engine.iac;

import dev.keyvet.engine.iac.Node.Arr;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a Terraform {@code aws_iam_policy_document} data source into the policy document it
 * renders, as the AWS provider does: {@code statement} blocks with {@code sid}, {@code effect}
 * (default Allow), {@code actions}, {@code not_actions}, {@code resources}, {@code not_resources},
 * {@code principals} / {@code not_principals} ({@code type}, {@code identifiers}) and {@code
 * condition} ({@code test}, {@code variable}, {@code values}). Every element keeps the position of
 * the attribute or block it comes from.
 */
final class PolicyDocuments {
  private PolicyDocuments() {}

  private static final Map<String, String> LISTS =
      Map.of(
          "actions", "Action",
          "not_actions", "NotAction",
          "resources", "Resource",
          "not_resources", "NotResource");

  static Obj convert(Obj body, Pos at) {
    List<Member> top = new ArrayList<>();
    Member version = body.member("version");
    top.add(
        version != null
            ? new Member("Version", version.pos(), version.value())
            : new Member("Version", at, new Scalar(at, Node.Kind.STRING, "2012-10-17")));
    Member id = body.member("policy_id");
    if (id != null) {
      top.add(new Member("Id", id.pos(), id.value()));
    }
    List<Node> statements = new ArrayList<>();
    Pos first = null;
    for (Member m : body.members()) {
      if (m.name().equals("statement")) {
        for (Obj s : Terraform.objects(new Obj(m.pos(), List.of(m)), "statement")) {
          statements.add(statement(s));
          first = first == null ? m.pos() : first;
        }
      }
    }
    Pos statementsAt = first == null ? at : first;
    top.add(new Member("Statement", statementsAt, new Arr(statementsAt, statements)));
    return new Obj(at, sorted(top));
  }

  private static Obj statement(Obj s) {
    List<Member> out = new ArrayList<>();
    boolean effect = false;
    Map<String, List<Obj>> principals = new LinkedHashMap<>();
    List<Obj> conditions = new ArrayList<>();
    Pos conditionsAt = null;
    for (Member m : s.members()) {
      switch (m.name()) {
        case "sid" -> out.add(new Member("Sid", m.pos(), m.value()));
        case "effect" -> {
          out.add(new Member("Effect", m.pos(), m.value()));
          effect = true;
        }
        case "principals", "not_principals" ->
            principals
                .computeIfAbsent(m.name(), k -> new ArrayList<>())
                .addAll(Terraform.objects(new Obj(m.pos(), List.of(m)), m.name()));
        case "condition" -> {
          conditions.addAll(Terraform.objects(new Obj(m.pos(), List.of(m)), "condition"));
          conditionsAt = conditionsAt == null ? m.pos() : conditionsAt;
        }
        default -> {
          String element = LISTS.get(m.name());
          if (element != null) {
            out.add(new Member(element, m.pos(), m.value()));
          }
        }
      }
    }
    if (!effect) {
      out.add(new Member("Effect", s.pos(), new Scalar(s.pos(), Node.Kind.STRING, "Allow")));
    }
    for (Map.Entry<String, List<Obj>> e : principals.entrySet()) {
      List<Obj> blocks = e.getValue();
      if (!blocks.isEmpty()) {
        String element = e.getKey().equals("principals") ? "Principal" : "NotPrincipal";
        out.add(new Member(element, blocks.get(0).pos(), principal(blocks)));
      }
    }
    if (!conditions.isEmpty()) {
      out.add(new Member("Condition", conditionsAt, condition(conditions)));
    }
    return new Obj(s.pos(), sorted(out));
  }

  /** {@code {"AWS": [...], "Service": [...]}}, or {@code "*"} for the type and identifier *. */
  private static Node principal(List<Obj> blocks) {
    Map<String, List<Node>> byType = new LinkedHashMap<>();
    Map<String, Pos> typeAt = new LinkedHashMap<>();
    for (Obj b : blocks) {
      Node type = b.get("type");
      String t = Keys.literal(type);
      if (t == null) {
        t = type == null ? "AWS" : "${" + (type instanceof Node.Expr x ? x.text() : "type") + "}";
      }
      typeAt.putIfAbsent(t, b.pos());
      Node ids = b.get("identifiers");
      List<Node> list = byType.computeIfAbsent(t, k -> new ArrayList<>());
      if (ids instanceof Arr a) {
        list.addAll(a.items());
      } else if (ids != null) {
        list.add(ids);
      }
    }
    Pos at = blocks.get(0).pos();
    if (byType.size() == 1 && byType.containsKey("*")) {
      List<Node> ids = byType.get("*");
      if (ids.size() == 1 && "*".equals(Keys.literal(ids.get(0)))) {
        return new Scalar(ids.get(0).pos(), Node.Kind.STRING, "*");
      }
    }
    List<Member> members = new ArrayList<>();
    for (Map.Entry<String, List<Node>> e : byType.entrySet()) {
      List<Node> ids = e.getValue();
      Pos p = typeAt.get(e.getKey());
      Node value =
          ids.size() == 1 ? ids.get(0) : new Arr(ids.isEmpty() ? p : ids.get(0).pos(), ids);
      members.add(new Member(e.getKey(), p, value));
    }
    return new Obj(at, members);
  }

  /** {@code {"test": {"variable": [values]}}}, values of repeated test and variable merged. */
  private static Node condition(List<Obj> blocks) {
    Map<String, Map<String, List<Node>>> byTest = new LinkedHashMap<>();
    Map<String, Pos> at = new LinkedHashMap<>();
    for (Obj b : blocks) {
      String test = String.valueOf(Keys.literal(b.get("test")));
      String variable = String.valueOf(Keys.literal(b.get("variable")));
      at.putIfAbsent(test, b.pos());
      at.putIfAbsent(
          test + "\n" + variable, b.get("variable") == null ? b.pos() : b.get("variable").pos());
      List<Node> values =
          byTest
              .computeIfAbsent(test, k -> new LinkedHashMap<>())
              .computeIfAbsent(variable, k -> new ArrayList<>());
      Node v = b.get("values");
      if (v instanceof Arr a) {
        values.addAll(a.items());
      } else if (v != null) {
        values.add(v);
      }
    }
    List<Member> tests = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Node>>> t : byTest.entrySet()) {
      List<Member> vars = new ArrayList<>();
      for (Map.Entry<String, List<Node>> v : t.getValue().entrySet()) {
        Pos p = at.get(t.getKey() + "\n" + v.getKey());
        List<Node> values = v.getValue();
        vars.add(
            new Member(v.getKey(), p, new Arr(values.isEmpty() ? p : values.get(0).pos(), values)));
      }
      Pos p = at.get(t.getKey());
      tests.add(new Member(t.getKey(), p, new Obj(p, vars)));
    }
    return new Obj(blocks.get(0).pos(), tests);
  }

  /** Members in the order they are written, so that the layout can keep every line. */
  private static List<Member> sorted(List<Member> members) {
    List<Member> out = new ArrayList<>(members);
    out.sort(
        Comparator.comparingInt((Member m) -> m.pos().line())
            .thenComparingInt(m -> m.pos().column()));
    return out;
  }
}
