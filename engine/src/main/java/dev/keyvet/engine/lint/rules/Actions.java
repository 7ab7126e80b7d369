package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResourceKind;
import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.Wildcards;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an action element covers, in catalogue terms, and the families of KMS actions the rules
 * reason about: using the key, reading it, administering it, destroying it.
 */
final class Actions {
  private Actions() {}

  /** Cryptographic use of the key. */
  static final Set<String> USE =
      Set.of(
          "Encrypt",
          "Decrypt",
          "ReEncryptFrom",
          "ReEncryptTo",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "Sign",
          "Verify",
          "GenerateMac",
          "VerifyMac",
          "DeriveSharedSecret");

  /** The uses that reveal or produce protected data, in the order they are tried as evidence. */
  static final List<String> SENSITIVE_USE =
      List.of(
          "Decrypt",
          "GenerateDataKey",
          "Encrypt",
          "ReEncryptFrom",
          "GenerateDataKeyPair",
          "Sign",
          "GenerateMac",
          "DeriveSharedSecret");

  /** Actions that make a key unusable or destroy its material. */
  static final List<String> DESTRUCTIVE =
      List.of("ScheduleKeyDeletion", "DisableKey", "DeleteImportedKeyMaterial");

  /** Evidence order for "what can this principal do": the most telling actions first. */
  static final List<String> TELLING =
      List.of(
          "Decrypt",
          "CreateGrant",
          "Encrypt",
          "GenerateDataKey",
          "ReEncryptFrom",
          "Sign",
          "GenerateMac",
          "DeriveSharedSecret",
          "DescribeKey");

  /** True for reading metadata: {@code Describe*}, {@code Get*}, {@code List*}. */
  static boolean isRead(String action) {
    return action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List");
  }

  /**
   * True for administering the key: every action on a key that is neither use nor reading, such as
   * {@code PutKeyPolicy}, {@code CreateGrant}, {@code ScheduleKeyDeletion} or {@code TagResource}.
   */
  static boolean isAdmin(String action) {
    KmsAction a = KmsCatalog.get().action(action).orElse(null);
    return a != null
        && a.resource() != ResourceKind.NONE
        && !USE.contains(action)
        && !isRead(action)
        && !action.equals("RetireGrant")
        && !action.equals("SynchronizeMultiRegionKey");
  }

  /** The catalogue actions (bare names, catalogue order) the element covers; empty for null. */
  static Set<String> covered(ActionElement e) {
    Set<String> out = new LinkedHashSet<>();
    if (e == null) {
      return out;
    }
    for (KmsAction a : KmsCatalog.get().actions()) {
      if (!patternsMatching(e, a.name()).isEmpty() != e.negated()) {
        out.add(a.name());
      }
    }
    return out;
  }

  /** The actions on a key (not IAM-only ones) that statement {@code s} covers. */
  static List<String> keyActions(Statement s) {
    List<String> out = new ArrayList<>();
    for (String name : covered(s.action())) {
      if (KmsCatalog.get().action(name).orElseThrow().resource() != ResourceKind.NONE) {
        out.add(name);
      }
    }
    return out;
  }

  /** True when statement {@code s} covers action {@code name}. */
  static boolean covers(Statement s, String name) {
    return s.action() != null
        && !patternsMatching(s.action(), name).isEmpty() != s.action().negated();
  }

  /** The written patterns of {@code e} that match action {@code name}. */
  static List<Text> patternsMatching(ActionElement e, String name) {
    List<Text> out = new ArrayList<>();
    for (Text t : e.patterns()) {
      if (matches(t.value(), name)) {
        out.add(t);
      }
    }
    return out;
  }

  /** True when the action pattern {@code pattern} matches {@code kms:name}. */
  static boolean matches(String pattern, String name) {
    return Wildcards.matches(pattern, KmsAction.SERVICE_PREFIX + name, true);
  }

  /**
   * How statement {@code s} reaches action {@code name}, for messages: {@code through
   * `kms:Create*`}, {@code through `NotAction`}, or empty when it names the action itself.
   */
  static String through(Statement s, String name) {
    if (s.action() == null) {
      return "";
    }
    if (s.action().negated()) {
      return " through `NotAction`";
    }
    List<Text> hits = patternsMatching(s.action(), name);
    for (Text t : hits) {
      if (t.value().equalsIgnoreCase(KmsAction.SERVICE_PREFIX + name)) {
        return "";
      }
    }
    return hits.isEmpty() ? "" : " through `" + hits.get(0).value() + "`";
  }

  /** {@code kms:Name}. */
  static String qualified(String name) {
    return KmsAction.SERVICE_PREFIX + name;
  }

  /** The first of {@code preferred} in {@code available}, else the first available, else null. */
  static String pick(List<String> preferred, List<String> available) {
    for (String p : preferred) {
      if (available.contains(p)) {
        return p;
      }
    }
    return available.isEmpty() ? null : available.get(0);
  }

  /**
   * The action element for messages: {@code `kms:*`}, {@code `kms:Encrypt`, `kms:Decrypt` and 3
   * more}, or {@code every action except `kms:Decrypt`}.
   */
  static String summary(ActionElement e) {
    List<String> names = new ArrayList<>();
    for (Text t : e.patterns()) {
      names.add("`" + t.value() + "`");
    }
    String list = list(names, 2);
    return e.negated() ? "every action except " + list : list;
  }

  /** Up to {@code shown} items joined with commas, then {@code and n more}. */
  static String list(List<String> items, int shown) {
    if (items.size() <= shown + 1) {
      if (items.size() <= 1) {
        return String.join("", items);
      }
      return String.join(", ", items.subList(0, items.size() - 1))
          + " and "
          + items.get(items.size() - 1);
    }
    return String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
  }

  /** The complete Allow statements of {@code policy} that cover {@code action}. */
  static List<Statement> allowing(PolicyDocument policy, String action) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : policy.statements()) {
      if (s.effect() == Effect.ALLOW && s.isComplete() && covers(s, action)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The key actions of {@code s}, the most telling ({@link #TELLING}) first. */
  static List<String> ordered(Statement s) {
    List<String> all = keyActions(s);
    Set<String> out = new LinkedHashSet<>();
    for (String a : TELLING) {
      if (all.contains(a)) {
        out.add(a);
      }
    }
    out.addAll(all);
    return List.copyOf(out);
  }
}
