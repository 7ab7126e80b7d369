package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.text.DidYouMean;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonToken;

/**
 * What the policy, statement and condition builders share: the cursor, the findings, and the
 * readers of the value shapes policy elements take (a string; a string or an array of strings).
 * Each method reads one value, starting on its first token and ending on its last.
 */
final class ElementReader {
  final TokenCursor cursor;
  final Findings findings;
  final ListStack lists = new ListStack();
  private String[] itemTexts = new String[8];
  private SourceSpan[] itemSpans = new SourceSpan[8];
  private boolean[] itemMarkup = new boolean[8];
  private int itemCount;
  private boolean readVariables;

  ElementReader(TokenCursor cursor, Findings findings) {
    this.cursor = cursor;
    this.findings = findings;
  }

  /**
   * Notes a resource or condition value about to be interpreted: one holding <code>${</code> means
   * something else with policy variables enabled than without ({@code markup} false promises it
   * holds no {@code $}).
   */
  void noteVariables(String text, boolean markup) {
    readVariables |= markup && text.contains("${");
  }

  /**
   * True once a value was noted whose meaning depends on whether policy variables are enabled; a
   * read that assumed the wrong answer is right all the same when this is false.
   */
  boolean readVariables() {
    return readVariables;
  }

  void report(Code code, SourceSpan span, String message, String help) {
    findings.accept(Diagnostic.of(code, span, message).withHelp(help));
  }

  /** The value of member {@code m} as text, or null after reporting that it is no string. */
  Text string(ObjectMembers m) {
    if (cursor.token() == JsonToken.VALUE_STRING) {
      return new Text(cursor.string(), cursor.stringSpan(m.self(), m.name(), -1));
    }
    findings.accept(notString(m));
    return null;
  }

  /** Reads member {@code m}'s value, which is no string, and returns the KP003 saying so. */
  Diagnostic notString(ObjectMembers m) {
    String kind = TokenCursor.kind(cursor.token());
    SourceSpan span = cursor.valueSpan(m.self(), m.name(), -1);
    return Diagnostic.of(Code.KP003, span, "`" + m.name() + "` is " + kind + "; expected a string")
        .withHelp("");
  }

  /**
   * Reports member {@code m} as unknown where {@code known} are the names allowed, and skips it.
   */
  void unknownElement(ObjectMembers m, List<String> known, String where) {
    report(
        Code.KP004,
        m.nameSpan(),
        "unknown " + where + " element `" + m.name() + "`" + DidYouMean.hint(m.name(), known),
        "a " + where + " may contain " + String.join(", ", known));
    cursor.valueSpan(m.self(), m.name(), -1);
  }

  /**
   * Reads member {@code m}'s value, which should be a string or an array of strings, into the item
   * buffer ({@link #itemCount()}, {@link #itemText}, {@link #itemSpan}), reporting other shapes
   * first. Items that are no string are reported and, when {@code keepInvalid}, buffered with null
   * text so callers can keep a placeholder. Returns the value's span. The buffer is valid until the
   * next call.
   */
  SourceSpan stringItems(ObjectMembers m, boolean keepInvalid) {
    itemCount = 0;
    JsonToken t = cursor.token();
    if (t == JsonToken.VALUE_STRING) {
      SourceSpan span = cursor.stringSpan(m.self(), m.name(), -1);
      addItem(cursor.string(), span);
      return span;
    }
    if (t != JsonToken.START_ARRAY) {
      SourceSpan span = cursor.valueSpan(m.self(), m.name(), -1);
      badItem(m.name(), t, span);
      if (keepInvalid) {
        addItem(null, span);
      }
      return span;
    }
    int start = cursor.start();
    SourceSpan self = cursor.span(start, start, m.self(), m.name(), -1);
    int i = 0;
    for (JsonToken item = cursor.next(); item != JsonToken.END_ARRAY; item = cursor.next()) {
      if (item == JsonToken.VALUE_STRING) {
        addItem(cursor.string(), cursor.stringSpan(self, null, i));
      } else {
        SourceSpan span = cursor.valueSpan(self, null, i);
        badItem(m.name(), item, span);
        if (keepInvalid) {
          addItem(null, span);
        }
      }
      i++;
    }
    SourceSpan span = cursor.span(start, cursor.start(), m.self(), m.name(), -1);
    if (i == 0) {
      report(Code.KP011, span, "empty `" + m.name() + "` list", "");
    }
    return span;
  }

  int itemCount() {
    return itemCount;
  }

  /** The text of buffered item {@code i}, or null when it was no string. */
  String itemText(int i) {
    return itemTexts[i];
  }

  SourceSpan itemSpan(int i) {
    return itemSpans[i];
  }

  /** False when buffered item {@code i} certainly holds no placeholder or policy variable. */
  boolean itemMarkup(int i) {
    return itemMarkup[i];
  }

  /** Buffers an item; the markup flag is the cursor's for the string just read. */
  private void addItem(String text, SourceSpan span) {
    if (itemCount == itemTexts.length) {
      itemTexts = Arrays.copyOf(itemTexts, itemCount * 2);
      itemSpans = Arrays.copyOf(itemSpans, itemCount * 2);
      itemMarkup = Arrays.copyOf(itemMarkup, itemCount * 2);
    }
    itemTexts[itemCount] = text;
    itemSpans[itemCount] = span;
    itemMarkup[itemCount] = text == null || cursor.markup();
    itemCount++;
  }

  /** Reports a value of {@code element} that is no string; {@code t} was its first token. */
  private void badItem(String element, JsonToken t, SourceSpan span) {
    String intrinsic = t == JsonToken.START_OBJECT ? cursor.skippedIntrinsic() : null;
    if (intrinsic != null) {
      report(
          Code.KP015,
          span,
          "unresolved CloudFormation intrinsic `" + intrinsic + "` in `" + element + "`",
          "lint the policy as deployed, or the template's rendered output");
    } else {
      report(
          Code.KP003,
          span,
          "`"
              + element
              + "` holds "
              + TokenCursor.kind(t)
              + "; expected a string or an array of strings",
          "");
    }
  }
}
