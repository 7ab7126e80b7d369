package dev.keyvet.engine.iac;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.iac.Node.Arr;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Scalar;
import dev.keyvet.engine.model.KeySettings.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a CloudFormation template: {@code AWS::KMS::Key} and {@code AWS::KMS::ReplicaKey}
 * resources with their {@code KeyPolicy} and settings, and the {@code AWS::KMS::Alias} resources
 * naming them.
 */
final class CloudFormation {
  private CloudFormation() {}

  static final String KEY = "AWS::KMS::Key";
  static final String REPLICA_KEY = "AWS::KMS::ReplicaKey";
  static final String ALIAS = "AWS::KMS::Alias";

  private static final Map<String, Setting> SETTINGS =
      Map.of(
          "KeyPolicy", Setting.POLICY,
          "EnableKeyRotation", Setting.ENABLE_KEY_ROTATION,
          "RotationPeriodInDays", Setting.ROTATION_PERIOD_IN_DAYS,
          "PendingWindowInDays", Setting.PENDING_WINDOW_IN_DAYS,
          "KeySpec", Setting.KEY_SPEC,
          "KeyUsage", Setting.KEY_USAGE,
          "Origin", Setting.ORIGIN,
          "MultiRegion", Setting.MULTI_REGION,
          "Enabled", Setting.ENABLED);

  /** True when {@code root} is a template: a {@code Resources} mapping of typed resources. */
  static boolean isTemplate(Node root) {
    if (!(root instanceof Obj o) || !(o.get("Resources") instanceof Obj resources)) {
      return false;
    }
    if (o.get("AWSTemplateFormatVersion") != null) {
      return true;
    }
    for (Member m : resources.members()) {
      if (m.value() instanceof Obj r && r.get("Type") instanceof Scalar) {
        return true;
      }
    }
    return false;
  }

  static List<EmbeddedPolicy> extract(String file, Obj root, List<Diagnostic> out) {
    Map<String, Keys> keys = new LinkedHashMap<>();
    List<Member> aliases = new ArrayList<>();
    Node resources = root.get("Resources");
    if (!(resources instanceof Obj rs)) {
      return List.of();
    }
    for (Member m : rs.members()) {
      if (!(m.value() instanceof Obj r) || !(r.get("Type") instanceof Scalar type)) {
        continue;
      }
      Obj props = r.get("Properties") instanceof Obj p ? p : new Obj(m.pos(), List.of());
      switch (type.text()) {
        case KEY, REPLICA_KEY -> {
          Keys k = new Keys(file, m.name(), m.pos(), true, type.text().equals(REPLICA_KEY));
          for (Member p : props.members()) {
            Setting s = SETTINGS.get(p.name());
            if (s != null) {
              k.set(s, p.value());
            }
          }
          if (props.get("KeyPolicy") != null) {
            k.policy = props.get("KeyPolicy");
          }
          keys.put(m.name(), k);
        }
        case ALIAS -> aliases.add(m);
        default -> {}
      }
    }
    List<Keys> orphans = new ArrayList<>();
    for (Member m : aliases) {
      Obj props =
          ((Obj) m.value()).get("Properties") instanceof Obj p ? p : new Obj(m.pos(), List.of());
      Node name = props.get("AliasName");
      String target = target(props.get("TargetKeyId"));
      Keys k = target == null ? null : keys.get(target);
      if (k == null) {
        k = new Keys(file, m.name(), m.pos(), false, false);
        orphans.add(k);
      }
      if (name != null) {
        k.alias(m.name(), name);
      }
    }
    List<EmbeddedPolicy> policies = new ArrayList<>();
    for (Keys k : keys.values()) {
      policies.add(k.embedded(policyOf(file, k, out)));
    }
    for (Keys k : orphans) {
      policies.add(k.embedded(null));
    }
    return policies;
  }

  /** The laid-out policy of key {@code k}, or null after saying why there is none. */
  private static Layout.Rendered policyOf(String file, Keys k, List<Diagnostic> out) {
    Node p = k.policy;
    if (p == null) {
      return null;
    }
    if (p instanceof Scalar s && s.kind() == Node.Kind.STRING) {
      return Layout.raw(s);
    }
    if (p instanceof Obj o && o.members().size() == 1 && intrinsic(o.members().get(0).name())) {
      out.add(
          Diagnostic.of(
                  Code.KP015,
                  Keys.span(file, p.pos()),
                  "the `KeyPolicy` of `"
                      + k.resource
                      + "` is computed with `"
                      + o.members().get(0).name()
                      + "`; keyvet cannot check it")
              .withHelp("write the policy as a literal object, or lint each variant on its own"));
      return null;
    }
    return Layout.of(p);
  }

  private static boolean intrinsic(String name) {
    return name.startsWith("Fn::") || name.equals("Ref");
  }

  /**
   * The logical ID a {@code TargetKeyId} refers to ({@code Ref} or {@code Fn::GetAtt}), or null.
   */
  private static String target(Node v) {
    if (!(v instanceof Obj o) || o.members().size() != 1) {
      return null;
    }
    Member m = o.members().get(0);
    if (m.name().equals("Ref") && m.value() instanceof Scalar s) {
      return s.text();
    }
    if (m.name().equals("Fn::GetAtt")) {
      if (m.value() instanceof Scalar s) {
        int dot = s.text().indexOf('.');
        return dot < 0 ? s.text() : s.text().substring(0, dot);
      }
      if (m.value() instanceof Arr a
          && !a.items().isEmpty()
          && a.items().get(0) instanceof Scalar s) {
        return s.text();
      }
    }
    return null;
  }

  /** Logical IDs of the KMS resource types, for recognising templates worth reading. */
  static boolean mentionsKms(String text) {
    return text.contains("AWS::KMS::");
  }
}
