package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.catalog.ActionSet;
import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResourceKind;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Text;
import java.util.ArrayList;
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

  private static final Set<String> TELLING_SET = Set.copyOf(TELLING);

  /** True for reading metadata: {@code Describe*}, {@code Get*}, {@code List*}. */
  static boolean isRead(String action) {
    return action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List");
  }

  /**
   * True for administering the key: every action on a key that is neither use nor reading, such as
   * {@code PutKeyPolicy}, {@code CreateGrant}, {@code ScheduleKeyDeletion} or {@code TagResource}.
   */
  static boolean isAdmin(String action) {
    return ADMIN.contains(action);
  }

  /** The actions {@link #isAdmin(String)} accepts. */
  static final ActionSet ADMIN =
      KmsCatalog.get()
          .actionSet(
              a ->
                  a.resource() != ResourceKind.NONE
                      && !USE.contains(a.name())
                      && !isRead(a.name())
                      && !a.name().equals("RetireGrant")
                      && !a.name().equals("SynchronizeMultiRegionKey"));

  /** The catalogue actions the element covers; empty for null. */
  static ActionSet covered(ActionElement e) {
    KmsCatalog catalog = KmsCatalog.get();
    if (e == null) {
      return catalog.actionSet(List.of());
    }
    ActionSet listed = catalog.actionSet(List.of());
    for (Text t : e.patterns()) {
      listed = listed.union(catalog.actionSet(t.value()));
    }
    return e.negated() ? listed.complement() : listed;
  }

  /** The catalogue actions statement {@code s} covers, computed once per lint. */
  static ActionSet covered(LintContext ctx, Statement s) {
    return ctx.remember(new CoveredBy(s.index()), () -> covered(s.action()));
  }

  /** The memo key of what the statement at {@code index} covers. */
  private record CoveredBy(int index) {}

  /** The actions on a key (not IAM-only ones) that statement {@code s} covers. */
  static List<String> keyActions(LintContext ctx, Statement s) {
    return ctx.remember(
        new KeyActionsOf(s.index()),
        () -> List.copyOf(covered(ctx, s).intersection(ON_KEY).names()));
  }

  /** The memo key of the key actions of the statement at {@code index}. */
  private record KeyActionsOf(int index) {}

  /** The actions whose resource is a key. */
  private static final ActionSet ON_KEY =
      KmsCatalog.get().actionSet(a -> a.resource() != ResourceKind.NONE);

  /** True when statement {@code s} covers action {@code name}. */
  static boolean covers(LintContext ctx, Statement s, String name) {
    return covered(ctx, s).contains(name);
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
    return KmsCatalog.get().actionSet(pattern).contains(name);
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
  static List<Statement> allowing(LintContext ctx, PolicyDocument policy, String action) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : policy.statements()) {
      if (s.effect() == Effect.ALLOW && s.isComplete() && covers(ctx, s, action)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The key actions of {@code s}, the most telling ({@link #TELLING}) first. */
  static List<String> ordered(LintContext ctx, Statement s) {
    return ctx.remember(new OrderedOf(s.index()), () -> computeOrdered(ctx, s));
  }

  /** The memo key of {@link #ordered} for the statement at {@code index}. */
  private record OrderedOf(int index) {}

  private static List<String> computeOrdered(LintContext ctx, Statement s) {
    ActionSet onKey = covered(ctx, s).intersection(ON_KEY);
    List<String> out = new ArrayList<>(onKey.size());
    for (String a : TELLING) {
      if (onKey.contains(a)) {
        out.add(a);
      }
    }
    for (String a : onKey.names()) {
      if (!TELLING_SET.contains(a)) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }
}
