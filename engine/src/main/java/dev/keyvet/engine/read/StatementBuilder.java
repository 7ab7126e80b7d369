package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.PrincipalElement;
import dev.keyvet.engine.model.ResourceElement;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.DidYouMean;
import java.util.List;
import tools.jackson.core.JsonToken;

/**
 * Builds one statement from its object's members as they stream by: bad Effect (KP007), missing
 * Principal, Action or Resource (KP008-KP010), both the plain and the negated form of an element
 * (KP003, the plain form kept), empty values (KP011), and the value problems of principals,
 * resources and conditions. Used once.
 */
final class StatementBuilder {
  static final List<String> STATEMENT =
      List.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  private static final int PRINCIPAL = 0;
  private static final int ACTION = 1;
  private static final int RESOURCE = 2;
  private static final List<String> PLAIN = List.of("Principal", "Action", "Resource");

  private final ElementReader in;
  private final TokenCursor cursor;
  private final ObjectMembers obj;
  private final int index;
  private final boolean variablesEnabled;
  private Text sid;
  private boolean sawEffect;
  private Effect effect;
  private PrincipalElement principal;
  private ActionElement action;
  private ResourceElement resource;
  private final int conditions;
  private int plainSeen;
  private int negatedSeen;
  private Tentative[] tentative;

  /**
   * A negated form read while the plain form was not (yet) seen: where its findings are, so they
   * can be withdrawn if the plain form follows, and the span of its name.
   */
  private static final class Tentative {
    final int slot;
    final int end;
    final SourceSpan name;

    Tentative(int slot, int end, SourceSpan name) {
      this.slot = slot;
      this.end = end;
      this.name = name;
    }
  }

  /**
   * A builder for statement {@code index}, whose {@code START_OBJECT} is the cursor's token, read
   * with policy variables expanded or not.
   */
  StatementBuilder(ElementReader in, ObjectMembers obj, int index, boolean variablesEnabled) {
    this.in = in;
    this.cursor = in.cursor;
    this.obj = obj;
    this.index = index;
    this.variablesEnabled = variablesEnabled;
    this.conditions = in.lists.mark();
  }

  /** Reads the statement to its closing brace. */
  Statement build() {
    while (obj.next()) {
      member(obj.name());
    }
    SourceSpan at = obj.span();
    missing(at);
    List<Condition> cs = in.lists.pop(conditions);
    return new Statement(index, sid, effect, principal, action, resource, cs, at);
  }

  private void member(String name) {
    switch (name) {
      case "Sid":
        sid();
        break;
      case "Effect":
        sawEffect = true;
        effect();
        break;
      case "Principal":
        plain(PRINCIPAL);
        principal = principal(false);
        break;
      case "NotPrincipal":
        if (negated(PRINCIPAL)) {
          int slot = tentativeSlot();
          principal = principal(true);
          tentative(PRINCIPAL, slot);
        }
        break;
      case "Action":
        plain(ACTION);
        action = action(false);
        break;
      case "NotAction":
        if (negated(ACTION)) {
          int slot = tentativeSlot();
          action = action(true);
          tentative(ACTION, slot);
        }
        break;
      case "Resource":
        plain(RESOURCE);
        resource = resource(false);
        break;
      case "NotResource":
        if (negated(RESOURCE)) {
          int slot = tentativeSlot();
          resource = resource(true);
          tentative(RESOURCE, slot);
        }
        break;
      case "Condition":
        new ConditionBuilder(in, variablesEnabled).read(obj);
        break;
      default:
        in.unknownElement(obj, STATEMENT, "statement");
    }
  }

  private void missing(SourceSpan at) {
    if (!sawEffect) {
      in.report(
          Code.KP007,
          at,
          "statement " + label() + " has no `Effect`",
          "add \"Effect\": \"Allow\" or \"Deny\"");
    }
    if (!seen(PRINCIPAL)) {
      in.report(
          Code.KP008,
          at,
          "statement " + label() + " has no `Principal`",
          "every key policy statement names a principal; KMS rejects the policy otherwise");
    }
    if (!seen(ACTION)) {
      in.report(Code.KP009, at, "statement " + label() + " has no `Action`", "");
    }
    if (!seen(RESOURCE)) {
      in.report(
          Code.KP010,
          at,
          "statement " + label() + " has no `Resource`, so it applies to nothing",
          "KMS accepts the policy but ignores the statement; add \"Resource\": \"*\"");
    }
  }

  private boolean seen(int element) {
    return ((plainSeen | negatedSeen) & (1 << element)) != 0;
  }

  private String label() {
    return sid != null && !sid.value().isEmpty() ? "`" + sid.value() + "`" : "#" + (index + 1);
  }

  /**
   * Notes the plain form of {@code element}. A negated form read before it is withdrawn: its
   * findings become the one KP003 a reader that saw the whole statement first would have given.
   */
  private void plain(int element) {
    plainSeen |= 1 << element;
    Tentative t = tentative == null ? null : tentative[element];
    if (t != null) {
      in.findings.withdraw(t.slot + 1, t.end);
      in.findings.fill(t.slot, bothForms(element, t.name));
      tentative[element] = null;
    }
  }

  /**
   * Notes the negated form of {@code element}: true when it is to be read; false, after reporting
   * it and skipping its value, when the plain form came first.
   */
  private boolean negated(int element) {
    negatedSeen |= 1 << element;
    if ((plainSeen & (1 << element)) == 0) {
      return true;
    }
    in.findings.accept(bothForms(element, obj.nameSpan()));
    cursor.valueSpan(obj.self(), obj.name(), -1);
    return false;
  }

  private int tentativeSlot() {
    return in.findings.reserve();
  }

  private void tentative(int element, int slot) {
    if (tentative == null) {
      tentative = new Tentative[PLAIN.size()];
    }
    tentative[element] = new Tentative(slot, in.findings.mark(), obj.nameSpan());
  }

  private static Diagnostic bothForms(int element, SourceSpan negatedName) {
    String plain = PLAIN.get(element);
    return Diagnostic.of(
            Code.KP003, negatedName, "statement has both `" + plain + "` and `Not" + plain + "`")
        .withHelp("use one of them");
  }

  private void sid() {
    sid = in.string(obj);
    if (sid != null && sid.value().isEmpty()) {
      in.report(Code.KP011, sid.span(), "empty `Sid`", "name the statement or remove the `Sid`");
    }
  }

  /** Reads the Effect; the model keeps only the enum, so its text and span are made for errors. */
  private void effect() {
    if (cursor.token() != JsonToken.VALUE_STRING) {
      in.findings.accept(in.notString(obj));
      return;
    }
    String value = cursor.string();
    effect = Effect.fromJson(value);
    if (effect == null) {
      String hint =
          value.equalsIgnoreCase("allow") || value.equalsIgnoreCase("deny")
              ? " (case-sensitive)"
              : "";
      in.report(
          Code.KP007,
          cursor.stringSpan(obj.self(), obj.name(), -1),
          "`" + value + "` is not an effect; use `Allow` or `Deny`" + hint,
          "");
    }
  }

  private PrincipalElement principal(boolean negated) {
    String name = obj.name();
    JsonToken t = cursor.token();
    if (t == JsonToken.VALUE_STRING) {
      String value = cursor.string();
      SourceSpan span = cursor.stringSpan(obj.self(), name, -1);
      return new PrincipalElement(negated, List.of(bare(value, span)), span);
    }
    if (t != JsonToken.START_OBJECT) {
      SourceSpan span = cursor.valueSpan(obj.self(), name, -1);
      in.report(
          Code.KP003,
          span,
          "`" + name + "` is " + TokenCursor.kind(t) + "; expected `*` or an object",
          "");
      return null;
    }
    ObjectMembers families = cursor.members(obj.self(), name, -1);
    int principals = in.lists.mark();
    while (families.next()) {
      family(families);
    }
    SourceSpan span = families.span();
    if (families.count() == 0) {
      in.report(Code.KP011, span, "empty `" + name + "`", "");
    }
    return new PrincipalElement(negated, in.lists.pop(principals), span);
  }

  /** The principal a bare string names: only {@code *} is one. */
  private Principal bare(String value, SourceSpan span) {
    if (value.equals("*")) {
      return new Principal.Any(true, span);
    }
    String reason = "a principal given as a bare string must be `*`";
    in.report(Code.KP109, span, reason + "; write {\"AWS\": \"" + value + "\"}", "");
    return new Principal.Invalid("", value, reason, span);
  }

  /** Reads one principal family, pushing its principals on the list stack. */
  private void family(ObjectMembers families) {
    String f = families.name();
    if (!PrincipalParser.FAMILIES.contains(f)) {
      in.report(
          Code.KP109,
          families.nameSpan(),
          "unknown principal type `" + f + "`" + DidYouMean.hint(f, PrincipalParser.FAMILIES),
          "principal types are AWS, Service, Federated and CanonicalUser");
      in.lists.push(new Principal.Invalid(f, f, "unknown principal type", families.nameSpan()));
      cursor.valueSpan(families.self(), f, -1);
      return;
    }
    in.stringItems(families, true);
    for (int i = 0; i < in.itemCount(); i++) {
      String text = in.itemText(i);
      SourceSpan span = in.itemSpan(i);
      in.lists.push(
          text != null
              ? PrincipalParser.parse(f, text, in.itemMarkup(i), span, in.findings)
              : new Principal.Invalid(f, "", "not a string", span));
    }
  }

  private ActionElement action(boolean negated) {
    JsonToken t = cursor.token();
    SourceSpan span = in.stringItems(obj, false);
    int patterns = in.lists.mark();
    for (int i = 0; i < in.itemCount(); i++) {
      String text = in.itemText(i);
      SourceSpan at = in.itemSpan(i);
      if (text.isEmpty()) {
        in.report(Code.KP011, at, "empty action", "");
      }
      in.lists.push(new Text(text, at));
    }
    List<Text> list = in.lists.pop(patterns);
    return t == JsonToken.VALUE_STRING || t == JsonToken.START_ARRAY
        ? new ActionElement(negated, list, span)
        : null;
  }

  private ResourceElement resource(boolean negated) {
    JsonToken t = cursor.token();
    SourceSpan span = in.stringItems(obj, false);
    int patterns = in.lists.mark();
    for (int i = 0; i < in.itemCount(); i++) {
      in.noteVariables(in.itemText(i), in.itemMarkup(i));
      Template p =
          ResourceParser.parse(
              in.itemText(i), in.itemMarkup(i), in.itemSpan(i), variablesEnabled, in.findings);
      if (p != null) {
        in.lists.push(p);
      }
    }
    List<Template> list = in.lists.pop(patterns);
    return t == JsonToken.VALUE_STRING || t == JsonToken.START_ARRAY
        ? new ResourceElement(negated, list, span)
        : null;
  }
}
