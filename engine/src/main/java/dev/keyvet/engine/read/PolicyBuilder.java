package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.PrincipalElement;
import dev.keyvet.engine.model.ResourceElement;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.read.JsonValue.JArray;
import dev.keyvet.engine.read.JsonValue.JBool;
import dev.keyvet.engine.read.JsonValue.JNumber;
import dev.keyvet.engine.read.JsonValue.JObject;
import dev.keyvet.engine.read.JsonValue.JString;
import dev.keyvet.engine.read.JsonValue.Member;
import dev.keyvet.engine.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the policy model from a located JSON tree, reporting every structural problem: wrong
 * shapes (KP003), unknown elements (KP004), missing or bad Version (KP005, KP006), bad Effect
 * (KP007), missing Principal, Action or Resource (KP008-KP010), empty values (KP011), and the value
 * problems of principals, resources and conditions.
 */
final class PolicyBuilder {
  static final List<String> TOP_LEVEL = List.of("Version", "Id", "Statement");
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

  private final Consumer<Diagnostic> sink;
  private boolean variablesEnabled;

  PolicyBuilder(Consumer<Diagnostic> sink) {
    this.sink = sink;
  }

  /** The model, or null when the document is not a policy at all. */
  PolicyDocument build(JsonValue root) {
    if (root instanceof JObject obj) {
      return policy(obj);
    }
    if (root instanceof JArray array) {
      report(
          Code.KP003,
          root.span(),
          "the document is an array; a key policy is an object with `Version` and `Statement`",
          "wrap the statements: {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
      List<Statement> statements = new ArrayList<>();
      for (int i = 0; i < array.items().size(); i++) {
        JsonValue item = array.items().get(i);
        Statement s = statementOrNull(item, i);
        if (s != null) {
          statements.add(s);
        }
      }
      return new PolicyDocument(null, null, statements, true, root.span());
    }
    report(
        Code.KP003,
        root.span(),
        "the document is " + root.kind() + "; a key policy is an object with a `Statement`",
        "");
    return null;
  }

  private PolicyDocument policy(JObject obj) {
    Text version = null;
    Text id = null;
    List<Statement> statements = new ArrayList<>();
    boolean sawStatement = false;
    Member versionMember = obj.member("Version");
    if (versionMember != null) {
      version = string(versionMember);
      if (version != null) {
        checkVersion(version);
      }
    } else {
      report(
          Code.KP005,
          obj.span().withPointer(""),
          "the policy has no `Version`; policy variables are literal text without it",
          "add \"Version\": \"2012-10-17\"");
    }
    variablesEnabled = version != null && PolicyDocument.VERSION_2012.equals(version.value());
    for (Member m : obj.members()) {
      switch (m.name()) {
        case "Version":
          break;
        case "Id":
          id = string(m);
          break;
        case "Statement":
          sawStatement = true;
          statements(m, statements);
          break;
        default:
          unknownElement(m, TOP_LEVEL, "policy");
      }
    }
    if (!sawStatement) {
      report(
          Code.KP003,
          obj.span(),
          "the policy has no `Statement`",
          "a key policy needs at least one statement");
    }
    return new PolicyDocument(version, id, statements, false, obj.span());
  }

  private void checkVersion(Text version) {
    String v = version.value();
    if (v.equals(PolicyDocument.VERSION_2012)) {
      return;
    }
    if (v.equals(PolicyDocument.VERSION_2008)) {
      sink.accept(
          Diagnostic.of(
                  Code.KP006,
                  version.span(),
                  "`Version` `2008-10-17` is the old grammar: policy variables are literal text")
              .withSeverity(Severity.WARNING)
              .withHelp("use \"Version\": \"2012-10-17\""));
      return;
    }
    report(
        Code.KP006,
        version.span(),
        "unknown `Version` `" + v + "`; expected `2012-10-17`",
        "the version is a fixed string naming the policy grammar, not a date you choose");
  }

  private void statements(Member m, List<Statement> out) {
    JsonValue v = m.value();
    if (v instanceof JObject) {
      Statement s = statementOrNull(v, 0);
      if (s != null) {
        out.add(s);
      }
    } else if (v instanceof JArray array) {
      if (array.items().isEmpty()) {
        report(
            Code.KP003,
            v.span(),
            "`Statement` is empty",
            "a key policy needs at least one statement");
      }
      for (int i = 0; i < array.items().size(); i++) {
        JsonValue item = array.items().get(i);
        Statement s = statementOrNull(item, i);
        if (s != null) {
          out.add(s);
        }
      }
    } else {
      report(
          Code.KP003,
          v.span(),
          "`Statement` is " + v.kind() + "; expected an object or an array of objects",
          "");
    }
  }

  private Statement statementOrNull(JsonValue v, int index) {
    if (!(v instanceof JObject obj)) {
      report(Code.KP003, v.span(), "a statement is " + v.kind() + "; expected an object", "");
      return null;
    }
    return new StatementBuilder(obj, index).build();
  }

  /** Builds one statement. */
  private final class StatementBuilder {
    private final JObject obj;
    private final int index;
    private Text sid;
    private Effect effect;
    private PrincipalElement principal;
    private ActionElement action;
    private ResourceElement resource;
    private final List<Condition> conditions = new ArrayList<>(4);

    StatementBuilder(JObject obj, int index) {
      this.obj = obj;
      this.index = index;
    }

    Statement build() {
      for (Member m : obj.members()) {
        switch (m.name()) {
          case "Sid":
            sid = string(m);
            if (sid != null && sid.value().isEmpty()) {
              report(
                  Code.KP011, sid.span(), "empty `Sid`", "name the statement or remove the `Sid`");
            }
            break;
          case "Effect":
            effect(m);
            break;
          case "Principal":
            principal = principal(m);
            break;
          case "NotPrincipal":
            principal = bothForms(m, "Principal") ? principal : principal(m);
            break;
          case "Action":
            action = action(m);
            break;
          case "NotAction":
            action = bothForms(m, "Action") ? action : action(m);
            break;
          case "Resource":
            resource = resource(m);
            break;
          case "NotResource":
            resource = bothForms(m, "Resource") ? resource : resource(m);
            break;
          case "Condition":
            condition(m);
            break;
          default:
            unknownElement(m, STATEMENT, "statement");
        }
      }
      SourceSpan at = obj.span();
      if (obj.member("Effect") == null) {
        report(
            Code.KP007,
            at,
            "statement " + label() + " has no `Effect`",
            "add \"Effect\": \"Allow\" or \"Deny\"");
      }
      if (obj.member("Principal") == null && obj.member("NotPrincipal") == null) {
        report(
            Code.KP008,
            at,
            "statement " + label() + " has no `Principal`",
            "every key policy statement names a principal; KMS rejects the policy otherwise");
      }
      if (obj.member("Action") == null && obj.member("NotAction") == null) {
        report(Code.KP009, at, "statement " + label() + " has no `Action`", "");
      }
      if (obj.member("Resource") == null && obj.member("NotResource") == null) {
        report(
            Code.KP010,
            at,
            "statement " + label() + " has no `Resource`, so it applies to nothing",
            "KMS accepts the policy but ignores the statement; add \"Resource\": \"*\"");
      }
      return new Statement(index, sid, effect, principal, action, resource, conditions, obj.span());
    }

    private String label() {
      return sid != null && !sid.value().isEmpty() ? "`" + sid.value() + "`" : "#" + (index + 1);
    }

    /**
     * True, after reporting it, when the statement also has the positive form of the negated member
     * {@code m}; the positive form is then the one kept.
     */
    private boolean bothForms(Member m, String plain) {
      if (obj.member(plain) == null) {
        return false;
      }
      report(
          Code.KP003,
          m.nameSpan(),
          "statement has both `" + plain + "` and `" + m.name() + "`",
          "use one of them");
      return true;
    }

    private void effect(Member m) {
      Text t = string(m);
      if (t == null) {
        return;
      }
      effect = Effect.fromJson(t.value());
      if (effect == null) {
        String hint =
            t.value().equalsIgnoreCase("allow") || t.value().equalsIgnoreCase("deny")
                ? " (case-sensitive)"
                : "";
        report(
            Code.KP007,
            t.span(),
            "`" + t.value() + "` is not an effect; use `Allow` or `Deny`" + hint,
            "");
      }
    }

    private PrincipalElement principal(Member m) {
      boolean negated = m.name().equals("NotPrincipal");
      JsonValue v = m.value();
      List<Principal> out = new ArrayList<>(4);
      if (v instanceof JString s) {
        if (s.value().equals("*")) {
          out.add(new Principal.Any(true, s.span()));
        } else {
          String reason = "a principal given as a bare string must be `*`";
          report(Code.KP109, s.span(), reason + "; write {\"AWS\": \"" + s.value() + "\"}", "");
          out.add(new Principal.Invalid("", s.value(), reason, s.span()));
        }
      } else if (v instanceof JObject families) {
        if (families.members().isEmpty()) {
          report(Code.KP011, v.span(), "empty `" + m.name() + "`", "");
        }
        for (Member f : families.members()) {
          principalFamily(f, out);
        }
      } else {
        report(
            Code.KP003,
            v.span(),
            "`" + m.name() + "` is " + v.kind() + "; expected `*` or an object",
            "");
        return null;
      }
      return new PrincipalElement(negated, out, v.span());
    }

    private void principalFamily(Member f, List<Principal> out) {
      if (!PrincipalParser.FAMILIES.contains(f.name())) {
        report(
            Code.KP109,
            f.nameSpan(),
            "unknown principal type `"
                + f.name()
                + "`"
                + DidYouMean.hint(f.name(), PrincipalParser.FAMILIES),
            "principal types are AWS, Service, Federated and CanonicalUser");
        out.add(new Principal.Invalid(f.name(), f.name(), "unknown principal type", f.nameSpan()));
        return;
      }
      for (JsonValue item : stringItems(f, true)) {
        if (item instanceof JString s) {
          out.add(PrincipalParser.parse(f.name(), s.value(), s.span(), sink));
        } else {
          out.add(new Principal.Invalid(f.name(), "", "not a string", item.span()));
        }
      }
    }

    private ActionElement action(Member m) {
      List<Text> patterns = new ArrayList<>(4);
      for (JsonValue item : stringItems(m, false)) {
        if (item instanceof JString s) {
          if (s.value().isEmpty()) {
            report(Code.KP011, s.span(), "empty action", "");
          }
          patterns.add(new Text(s.value(), s.span()));
        }
      }
      return m.value() instanceof JString || m.value() instanceof JArray
          ? new ActionElement(m.name().equals("NotAction"), patterns, m.value().span())
          : null;
    }

    private ResourceElement resource(Member m) {
      List<Template> patterns = new ArrayList<>(2);
      for (JsonValue item : stringItems(m, false)) {
        if (item instanceof JString s) {
          Template t = ResourceParser.parse(s.value(), s.span(), variablesEnabled, sink);
          if (t != null) {
            patterns.add(t);
          }
        }
      }
      return m.value() instanceof JString || m.value() instanceof JArray
          ? new ResourceElement(m.name().equals("NotResource"), patterns, m.value().span())
          : null;
    }

    private void condition(Member m) {
      if (!(m.value() instanceof JObject operators)) {
        report(
            Code.KP003,
            m.value().span(),
            "`Condition` is " + m.value().kind() + "; expected an object",
            "");
        return;
      }
      if (operators.members().isEmpty()) {
        report(Code.KP011, operators.span(), "empty `Condition`", "remove it or add a test");
      }
      for (Member op : operators.members()) {
        new ConditionBuilder(op, variablesEnabled, sink).build(conditions);
      }
    }
  }

  /**
   * The string items of a member whose value is a string or an array of strings, reporting other
   * shapes. Non-string items are returned too, so callers can keep a placeholder for them.
   */
  private List<JsonValue> stringItems(Member m, boolean keepInvalid) {
    JsonValue v = m.value();
    if (v instanceof JString) {
      return List.of(v);
    }
    if (v instanceof JArray array) {
      if (array.items().isEmpty()) {
        report(Code.KP011, v.span(), "empty `" + m.name() + "` list", "");
      }
      if (allStrings(array.items())) {
        return array.items();
      }
      List<JsonValue> out = new ArrayList<>();
      for (JsonValue item : array.items()) {
        if (item instanceof JString) {
          out.add(item);
        } else {
          badItem(m.name(), item);
          if (keepInvalid) {
            out.add(item);
          }
        }
      }
      return out;
    }
    badItem(m.name(), v);
    return keepInvalid ? List.of(v) : List.of();
  }

  private static boolean allStrings(List<JsonValue> items) {
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof JString)) {
        return false;
      }
    }
    return true;
  }

  private void badItem(String element, JsonValue v) {
    String intrinsic = Intrinsics.name(v);
    if (intrinsic != null) {
      report(
          Code.KP015,
          v.span(),
          "unresolved CloudFormation intrinsic `" + intrinsic + "` in `" + element + "`",
          "lint the policy as deployed, or the template's rendered output");
    } else {
      report(
          Code.KP003,
          v.span(),
          "`" + element + "` holds " + v.kind() + "; expected a string or an array of strings",
          "");
    }
  }

  private void unknownElement(Member m, List<String> known, String where) {
    report(
        Code.KP004,
        m.nameSpan(),
        "unknown " + where + " element `" + m.name() + "`" + DidYouMean.hint(m.name(), known),
        "a " + where + " may contain " + String.join(", ", known));
  }

  private Text string(Member m) {
    if (m.value() instanceof JString s) {
      return new Text(s.value(), s.span());
    }
    report(
        Code.KP003,
        m.value().span(),
        "`" + m.name() + "` is " + m.value().kind() + "; expected a string",
        "");
    return null;
  }

  private void report(Code code, SourceSpan span, String message, String help) {
    sink.accept(Diagnostic.of(code, span, message).withHelp(help));
  }

  /** Builds the conditions under one operator. */
  private record ConditionBuilder(Member op, boolean variablesEnabled, Consumer<Diagnostic> sink) {

    void build(List<Condition> out) {
      ConditionOperator operator = ConditionOperator.parse(op.name(), op.nameSpan());
      if (!operator.isKnown()) {
        reportOperator(operator);
      }
      if (!(op.value() instanceof JObject keys)) {
        sink.accept(
            Diagnostic.of(
                Code.KP003,
                op.value().span(),
                "operator `"
                    + op.name()
                    + "` holds "
                    + op.value().kind()
                    + "; expected an object of condition keys"));
        return;
      }
      if (keys.members().isEmpty()) {
        sink.accept(
            Diagnostic.of(Code.KP011, keys.span(), "operator `" + op.name() + "` tests no key"));
      }
      for (Member key : keys.members()) {
        List<ConditionValue> values = new ArrayList<>(2);
        JsonValue v = key.value();
        if (v instanceof JArray array) {
          if (array.items().isEmpty()) {
            sink.accept(Diagnostic.of(Code.KP011, v.span(), "no values for `" + key.name() + "`"));
          }
          for (JsonValue item : array.items()) {
            value(operator, item, values);
          }
        } else {
          value(operator, v, values);
        }
        SourceSpan keySpan = key.nameSpan();
        out.add(new Condition(operator, new Text(key.name(), keySpan), values, keySpan));
      }
    }

    private void reportOperator(ConditionOperator operator) {
      String text = operator.text();
      String bare = text.replaceFirst("^For(All|Any)Values?:", "").replaceFirst("IfExists$", "");
      String message;
      if (bare.equals("Null")) {
        message =
            "`" + text + "` is not allowed: `Null` tests for absence itself and takes no qualifier";
        sink.accept(Diagnostic.of(Code.KP116, operator.span(), message));
        return;
      }
      List<String> names = new ArrayList<>(OperatorBase.names());
      message = "unknown condition operator `" + text + "`" + DidYouMean.hint(bare, names);
      sink.accept(
          Diagnostic.of(Code.KP114, operator.span(), message)
              .withHelp(
                  "operator names are case-sensitive, e.g. `StringEquals`, `ArnLike`, `Bool`"));
    }

    private void value(ConditionOperator operator, JsonValue v, List<ConditionValue> out) {
      String text;
      ConditionValue.JsonKind kind;
      if (v instanceof JString s) {
        text = s.value();
        kind = ConditionValue.JsonKind.STRING;
      } else if (v instanceof JNumber n) {
        text = n.text();
        kind = ConditionValue.JsonKind.NUMBER;
      } else if (v instanceof JBool b) {
        text = Boolean.toString(b.value());
        kind = ConditionValue.JsonKind.BOOLEAN;
      } else {
        String intrinsic = Intrinsics.name(v);
        sink.accept(
            intrinsic != null
                ? Diagnostic.of(
                    Code.KP015,
                    v.span(),
                    "unresolved CloudFormation intrinsic `" + intrinsic + "` in a condition value")
                : Diagnostic.of(
                    Code.KP116,
                    v.span(),
                    "a condition value is " + v.kind() + "; expected a string"));
        return;
      }
      var family = operator.base() == null ? null : operator.base().family();
      var typed = ValueParser.parse(family, text, variablesEnabled, v.span(), sink);
      out.add(new ConditionValue(text, kind, typed, v.span()));
    }
  }
}
