package dev.keyvet.engine.iac;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.iac.Node.Arr;
import dev.keyvet.engine.iac.Node.Expr;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import dev.keyvet.engine.model.KeySettings.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a Terraform configuration (native or JSON syntax, both read into the JSON syntax's
 * shape): {@code aws_kms_key}, {@code aws_kms_replica_key} and {@code aws_kms_external_key} with
 * their settings, {@code aws_kms_key_policy}, {@code aws_kms_alias}, and the {@code
 * aws_iam_policy_document} data sources their policies refer to.
 */
final class Terraform {
  private Terraform() {}

  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("policy", Setting.POLICY);
    SETTINGS.put("enable_key_rotation", Setting.ENABLE_KEY_ROTATION);
    SETTINGS.put("rotation_period_in_days", Setting.ROTATION_PERIOD_IN_DAYS);
    SETTINGS.put("deletion_window_in_days", Setting.PENDING_WINDOW_IN_DAYS);
    SETTINGS.put("key_spec", Setting.KEY_SPEC);
    SETTINGS.put("customer_master_key_spec", Setting.KEY_SPEC);
    SETTINGS.put("key_usage", Setting.KEY_USAGE);
    SETTINGS.put("custom_key_store_id", Setting.CUSTOM_KEY_STORE);
    SETTINGS.put("multi_region", Setting.MULTI_REGION);
    SETTINGS.put("is_enabled", Setting.ENABLED);
    SETTINGS.put("enabled", Setting.ENABLED);
  }

  private static final Pattern KEY_REF =
      Pattern.compile("\\b(aws_kms_(?:key|replica_key|external_key))\\.([A-Za-z_][\\w-]*)");
  private static final Pattern DOCUMENT_REF =
      Pattern.compile(
          "^data\\.aws_iam_policy_document\\.([A-Za-z_][\\w-]*)(?:\\[[^\\]]*\\])?\\.(?:minified_)?json$");
  private static final Pattern WHOLE_INTERPOLATION =
      Pattern.compile("^\\$\\{(.*)}$", Pattern.DOTALL);

  /** A resource or data block: type, name, where, and its body. */
  private record Res(String type, String name, Pos pos, Obj body) {
    String address() {
      return type + "." + name;
    }
  }

  /** True when {@code root} has the shape of a configuration mentioning KMS resources. */
  static boolean isConfiguration(Node root) {
    if (!(root instanceof Obj o)) {
      return false;
    }
    return !blocks(o, "resource", "aws_kms_key").isEmpty()
        || !blocks(o, "resource", "aws_kms_replica_key").isEmpty()
        || !blocks(o, "resource", "aws_kms_external_key").isEmpty()
        || !blocks(o, "resource", "aws_kms_key_policy").isEmpty()
        || !blocks(o, "resource", "aws_kms_alias").isEmpty();
  }

  static List<EmbeddedPolicy> extract(String file, Obj root, List<Diagnostic> out) {
    Map<String, Keys> keys = new LinkedHashMap<>();
    Map<String, Res> documents = new LinkedHashMap<>();
    for (Res d : blocks(root, "data", "aws_iam_policy_document")) {
      documents.put(d.name(), d);
    }
    for (String type : List.of("aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key")) {
      for (Res r : blocks(root, "resource", type)) {
        Keys k = new Keys(file, r.address(), r.pos(), true, type.equals("aws_kms_replica_key"));
        if (type.equals("aws_kms_external_key")) {
          k.set(Setting.ORIGIN, "EXTERNAL", r.pos());
        }
        for (Member m : r.body().members()) {
          Setting s = SETTINGS.get(m.name());
          if (s != null) {
            k.set(s, interpolated(m.value()));
          }
        }
        k.policy = r.body().get("policy");
        keys.put(r.address(), k);
      }
    }
    List<EmbeddedPolicy> policies = new ArrayList<>();
    List<Res> separatePolicies = blocks(root, "resource", "aws_kms_key_policy");
    Map<Keys, List<Res>> policiesOf = new LinkedHashMap<>();
    List<Keys> others = new ArrayList<>();
    for (Res r : separatePolicies) {
      Keys k = keys.get(target(r.body().get("key_id")));
      if (k != null) {
        policiesOf.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        if (!k.values.containsKey(Setting.POLICY) && r.body().get("policy") != null) {
          k.set(Setting.POLICY, r.body().get("policy"));
        }
      }
    }
    for (Res r : blocks(root, "resource", "aws_kms_alias")) {
      Keys k = keys.get(target(r.body().get("target_key_id")));
      if (k == null) {
        k = new Keys(file, r.address(), r.pos(), false, false);
        others.add(k);
      }
      Node name = r.body().get("name");
      if (name != null) {
        k.alias(r.address(), interpolated(name));
      }
    }
    for (Keys k : keys.values()) {
      // The key's settings are checked once: with its own policy, else with its first separate
      // policy, else alone; further policies of the key are read without them.
      List<Res> separate = policiesOf.getOrDefault(k, List.of());
      boolean settingsUsed = false;
      if (k.policy != null) {
        policies.add(k.embedded(policy(file, k.resource, k.policy, documents, out)));
        settingsUsed = true;
      }
      for (Res r : separate) {
        Keys holder = k;
        if (settingsUsed) {
          holder = new Keys(file, r.address(), r.pos(), false, false);
        }
        Node p = r.body().get("policy");
        holder.policy = p;
        policies.add(
            holder.embedded(p == null ? null : policy(file, r.address(), p, documents, out)));
        settingsUsed = true;
      }
      if (!settingsUsed) {
        policies.add(k.embedded(null));
      }
    }
    for (Res r : separatePolicies) {
      if (keys.get(target(r.body().get("key_id"))) == null) {
        Keys k = new Keys(file, r.address(), r.pos(), false, false);
        Node p = r.body().get("policy");
        policies.add(k.embedded(p == null ? null : policy(file, r.address(), p, documents, out)));
      }
    }
    for (Keys k : others) {
      policies.add(k.embedded(null));
    }
    return policies;
  }

  /** The key a {@code key_id} or {@code target_key_id} expression refers to, or null. */
  private static String target(Node v) {
    String text =
        v instanceof Expr e
            ? e.text()
            : v instanceof Scalar s && s.text() != null ? s.text() : null;
    if (text == null) {
      return null;
    }
    Matcher m = KEY_REF.matcher(text);
    return m.find() ? m.group(1) + "." + m.group(2) : null;
  }

  /**
   * A string that is one whole interpolation ({@code "${var.x}"}, Terraform's JSON syntax for an
   * expression) as that expression; anything else as it is.
   */
  private static Node interpolated(Node v) {
    if (v instanceof Scalar s && s.kind() == Node.Kind.STRING) {
      Matcher m = WHOLE_INTERPOLATION.matcher(s.text().strip());
      if (m.matches() && balanced(m.group(1))) {
        try {
          return HclParser.expression(m.group(1), new Pos(s.pos().line(), s.pos().column() + 1));
        } catch (IacSyntaxException e) {
          return Expr.of(s.pos(), m.group(1).strip());
        }
      }
    }
    return v;
  }

  /** True when {@code inner} has no unmatched braces, so {@code ${inner}} is one interpolation. */
  private static boolean balanced(String inner) {
    int depth = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /** The laid-out policy of {@code resource}, or null after saying why there is none. */
  private static Layout.Rendered policy(
      String file, String resource, Node value, Map<String, Res> documents, List<Diagnostic> out) {
    Node v = interpolated(value);
    if (v instanceof Scalar s && s.kind() == Node.Kind.STRING) {
      return Layout.raw(s);
    }
    if (v instanceof Expr e && "jsonencode".equals(e.function()) && e.args().size() == 1) {
      return Layout.of(e.args().get(0));
    }
    if (v instanceof Expr e && e.function() == null) {
      Matcher m = DOCUMENT_REF.matcher(e.text().replaceAll("\\s", ""));
      if (m.matches()) {
        Res doc = documents.get(m.group(1));
        if (doc == null) {
          out.add(
              unresolved(
                  file,
                  e.pos(),
                  "the policy of `"
                      + resource
                      + "` is `"
                      + e.text()
                      + "`, which this file does not define; keyvet cannot check it",
                  "lint the file that defines the data source together with the key"));
          return null;
        }
        return Layout.of(PolicyDocuments.convert(doc.body(), doc.pos()));
      }
    }
    if (v instanceof Obj o) {
      return Layout.of(o);
    }
    String text = v instanceof Expr e ? e.text() : String.valueOf(Keys.literal(v));
    out.add(
        unresolved(
            file,
            v.pos(),
            "the policy of `" + resource + "` is `" + shorten(text) + "`; keyvet cannot resolve it",
            "keyvet reads a policy written as JSON, `jsonencode({...})` or an"
                + " `aws_iam_policy_document` in the same file; lint a policy file on its own"));
    return null;
  }

  private static Diagnostic unresolved(String file, Pos at, String message, String help) {
    return Diagnostic.of(Code.KP015, Keys.span(file, at), message).withHelp(help);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }

  /**
   * The bodies of the {@code kind} ({@code resource} or {@code data}) blocks of {@code type}, in
   * file order. In the JSON syntax a type or name may hold an array of objects.
   */
  private static List<Res> blocks(Obj root, String kind, String type) {
    List<Res> out = new ArrayList<>();
    for (Obj kinds : objects(root, kind)) {
      for (Member t : kinds.members()) {
        if (!t.name().equals(type)) {
          continue;
        }
        for (Obj names : objects(t.value())) {
          for (Member n : names.members()) {
            for (Obj body : objects(n.value())) {
              out.add(new Res(type, n.name(), n.pos(), body));
            }
          }
        }
      }
    }
    return out;
  }

  /** The objects of the members named {@code name}: each member's object, or its array's. */
  static List<Obj> objects(Obj o, String name) {
    List<Obj> out = new ArrayList<>();
    for (Member m : o.members()) {
      if (m.name().equals(name)) {
        out.addAll(objects(m.value()));
      }
    }
    return out;
  }

  private static List<Obj> objects(Node v) {
    if (v instanceof Obj o) {
      return List.of(o);
    }
    List<Obj> out = new ArrayList<>();
    if (v instanceof Arr a) {
      for (Node item : a.items()) {
        if (item instanceof Obj o) {
          out.add(o);
        }
      }
    }
    return out;
  }
}
