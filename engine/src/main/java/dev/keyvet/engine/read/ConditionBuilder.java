package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.model.TypedValue;
import dev.keyvet.engine.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonToken;

/**
 * Builds the conditions of one {@code Condition} block as its tokens stream by: one {@link
 * Condition} per operator and key, in document order. Reports unknown operators (KP114, KP116),
 * wrong shapes (KP003, KP116), empty blocks (KP011), intrinsics (KP015), and through {@link
 * ValueParser} the values that do not parse for their operator.
 */
final class ConditionBuilder {
  private final ElementReader in;
  private final TokenCursor cursor;
  private final boolean variablesEnabled;

  /**
   * A builder pushing its conditions on {@code in}'s list stack, reading values with policy
   * variables expanded or not.
   */
  ConditionBuilder(ElementReader in, boolean variablesEnabled) {
    this.in = in;
    this.cursor = in.cursor;
    this.variablesEnabled = variablesEnabled;
  }

  /** Reads the value of the statement's {@code Condition} member {@code m}. */
  void read(ObjectMembers m) {
    JsonToken t = cursor.token();
    if (t != JsonToken.START_OBJECT) {
      SourceSpan span = cursor.valueSpan(m.self(), m.name(), -1);
      in.report(
          Code.KP003, span, "`Condition` is " + TokenCursor.kind(t) + "; expected an object", "");
      return;
    }
    ObjectMembers operators = cursor.members(m.self(), m.name(), -1);
    while (operators.next()) {
      operator(operators);
    }
    if (operators.count() == 0) {
      in.report(Code.KP011, operators.span(), "empty `Condition`", "remove it or add a test");
    }
  }

  private void operator(ObjectMembers op) {
    String name = op.name();
    ConditionOperator operator = ConditionOperator.parse(name, op.nameSpan());
    if (!operator.isKnown()) {
      reportOperator(operator);
    }
    JsonToken t = cursor.token();
    if (t != JsonToken.START_OBJECT) {
      SourceSpan span = cursor.valueSpan(op.self(), name, -1);
      in.findings.accept(
          Diagnostic.of(
              Code.KP003,
              span,
              "operator `"
                  + name
                  + "` holds "
                  + TokenCursor.kind(t)
                  + "; expected an object of condition keys"));
      return;
    }
    ObjectMembers keys = cursor.members(op.self(), name, -1);
    OperatorFamily family = operator.base() == null ? null : operator.base().family();
    while (keys.next()) {
      key(operator, family, keys);
    }
    if (keys.count() == 0) {
      in.findings.accept(
          Diagnostic.of(Code.KP011, keys.span(), "operator `" + name + "` tests no key"));
    }
  }

  private void key(ConditionOperator operator, OperatorFamily family, ObjectMembers keys) {
    String key = keys.name();
    int values = in.lists.mark();
    if (cursor.token() == JsonToken.START_ARRAY) {
      int start = cursor.start();
      SourceSpan self = cursor.span(start, start, keys.self(), key, -1);
      int i = 0;
      while (cursor.next() != JsonToken.END_ARRAY) {
        value(family, self, null, i++);
      }
      if (i == 0) {
        in.findings.accept(
            Diagnostic.of(
                Code.KP011,
                cursor.span(start, cursor.start(), keys.self(), key, -1),
                "no values for `" + key + "`"));
      }
    } else {
      value(family, keys.self(), key, -1);
    }
    SourceSpan keySpan = keys.nameSpan();
    List<ConditionValue> list = in.lists.pop(values);
    in.lists.push(new Condition(operator, new Text(key, keySpan), list, keySpan));
  }

  private void reportOperator(ConditionOperator operator) {
    String text = operator.text();
    String bare = text.replaceFirst("^For(All|Any)Values?:", "").replaceFirst("IfExists$", "");
    if (bare.equals("Null")) {
      String message =
          "`" + text + "` is not allowed: `Null` tests for absence itself and takes no qualifier";
      in.findings.accept(Diagnostic.of(Code.KP116, operator.span(), message));
      return;
    }
    List<String> names = new ArrayList<>(OperatorBase.names());
    String message = "unknown condition operator `" + text + "`" + DidYouMean.hint(bare, names);
    in.findings.accept(
        Diagnostic.of(Code.KP114, operator.span(), message)
            .withHelp("operator names are case-sensitive, e.g. `StringEquals`, `ArnLike`, `Bool`"));
  }

  /**
   * Reads the value at the cursor, member {@code name} or item {@code index} of {@code parent}, and
   * pushes it on the list stack; reports a value that is no string, number or boolean instead.
   */
  private void value(OperatorFamily family, SourceSpan parent, String name, int index) {
    JsonToken t = cursor.token();
    String text;
    ConditionValue.JsonKind kind;
    SourceSpan span;
    boolean markup = false;
    switch (t) {
      case VALUE_STRING:
        text = cursor.string();
        kind = ConditionValue.JsonKind.STRING;
        span = cursor.stringSpan(parent, name, index);
        markup = cursor.markup();
        break;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        text = cursor.numberText();
        kind = ConditionValue.JsonKind.NUMBER;
        span = cursor.wordSpan(text, parent, name, index);
        break;
      case VALUE_TRUE:
      case VALUE_FALSE:
        text = t == JsonToken.VALUE_TRUE ? "true" : "false";
        kind = ConditionValue.JsonKind.BOOLEAN;
        span = cursor.wordSpan(text, parent, name, index);
        break;
      default:
        notScalar(t, cursor.valueSpan(parent, name, index));
        return;
    }
    in.noteVariables(text, markup);
    TypedValue typed = ValueParser.parse(family, text, markup, variablesEnabled, span, in.findings);
    in.lists.push(new ConditionValue(text, kind, typed, span));
  }

  private void notScalar(JsonToken t, SourceSpan span) {
    String intrinsic = t == JsonToken.START_OBJECT ? cursor.skippedIntrinsic() : null;
    in.findings.accept(
        intrinsic != null
            ? Diagnostic.of(
                Code.KP015,
                span,
                "unresolved CloudFormation intrinsic `" + intrinsic + "` in a condition value")
            : Diagnostic.of(
                Code.KP116,
                span,
                "a condition value is " + TokenCursor.kind(t) + "; expected a string"));
  }
}
