package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.read.JsonValue.JArray;
import dev.keyvet.engine.read.JsonValue.JBool;
import dev.keyvet.engine.read.JsonValue.JNull;
import dev.keyvet.engine.read.JsonValue.JNumber;
import dev.keyvet.engine.read.JsonValue.JObject;
import dev.keyvet.engine.read.JsonValue.JString;
import dev.keyvet.engine.read.JsonValue.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.base.ParserBase;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads JSON text into a {@link JsonValue} tree whose every node knows its span and JSON pointer.
 * Strict JSON only (no comments, no trailing commas). Duplicate member names, exact or differing
 * only in case, are reported as KP002 and the later member is dropped. A syntax error ends the read
 * with one KP001 at the exact position; exceeding a {@link ReadLimits} bound ends it with KP003
 * (nesting) or KP012 (size).
 */
final class JsonTreeReader {
  private final JsonFactory factory;
  private final ReadLimits limits;

  JsonTreeReader(ReadLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxStringLength(limits.maxStringChars())
                    .maxNameLength(limits.maxStringChars())
                    .maxNumberLength(100)
                    .maxTokenCount(limits.maxTokens())
                    .maxDocumentLength(limits.maxDocumentChars())
                    .build())
            .build();
  }

  /** The tree, or null after reporting why there is none. */
  JsonValue read(String file, String text, LineMap lines, Consumer<Diagnostic> sink) {
    return read(file, text, lines, sink, factory.createParser(ObjectReadContext.empty(), text));
  }

  /** As {@link #read(String, String, LineMap, Consumer)} for plain ASCII bytes, parsed as bytes. */
  JsonValue read(
      String file, AsciiText text, byte[] bytes, LineMap lines, Consumer<Diagnostic> sink) {
    return read(file, text, lines, sink, factory.createParser(ObjectReadContext.empty(), bytes));
  }

  private JsonValue read(
      String file, CharSequence text, LineMap lines, Consumer<Diagnostic> sink, JsonParser parser) {
    try (JsonParser p = parser) {
      JsonToken first = p.nextToken();
      if (first == null) {
        sink.accept(
            Diagnostic.of(Code.KP001, SourceSpan.at(file, 1, 1, ""), "the document is empty")
                .withHelp("a key policy is a JSON object with a `Statement`"));
        return null;
      }
      JsonValue root = new Walk(file, text, lines, p, sink).value(null, null, -1);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        TokenStreamLocation at = p.currentTokenLocation();
        sink.accept(
            Diagnostic.of(
                Code.KP001,
                SourceSpan.at(file, at.getLineNr(), at.getColumnNr(), ""),
                "unexpected text after the end of the document"));
        return null;
      }
      return root;
    } catch (StreamConstraintsException e) {
      sink.accept(limitDiagnostic(file, e));
      return null;
    } catch (JacksonException e) {
      sink.accept(SyntaxMessages.diagnostic(file, text, e));
      return null;
    }
  }

  private Diagnostic limitDiagnostic(String file, StreamConstraintsException e) {
    TokenStreamLocation at = e.getLocation();
    SourceSpan span =
        at == null || at.getLineNr() < 1
            ? SourceSpan.at(file, 1, 1, "")
            : SourceSpan.at(file, at.getLineNr(), Math.max(1, at.getColumnNr()), "");
    String msg = e.getOriginalMessage().toLowerCase(Locale.ROOT);
    if (msg.contains("nesting depth")) {
      return Diagnostic.of(
          Code.KP003,
          span,
          "nesting deeper than "
              + limits.maxNestingDepth()
              + " levels; no key policy nests so deep");
    }
    return Diagnostic.of(
            Code.KP012, span, "the document exceeds keyvet's input limits and was not read")
        .withHelp("a key policy is at most 32,768 bytes");
  }

  /** One traversal: the parser positioned on a value's first token. */
  private static final class Walk {
    private static final int HASHED_MEMBERS = 16;

    private final String file;
    private final CharSequence text;
    private final LineMap lines;
    private final JsonParser p;
    private final ParserBase offsets;
    private final Consumer<Diagnostic> sink;

    Walk(String file, CharSequence text, LineMap lines, JsonParser p, Consumer<Diagnostic> sink) {
      this.file = file;
      this.text = text;
      this.lines = lines;
      this.p = p;
      this.offsets = (ParserBase) p;
      this.sink = sink;
    }

    /** The value at the current token: member {@code name} (or item {@code index}) of parent. */
    JsonValue value(SourceSpan parent, String name, int index) {
      int start = tokenStart();
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT:
          return object(parent, name, index, start);
        case START_ARRAY:
          return array(parent, name, index, start);
        case VALUE_STRING:
          return new JString(p.getString(), span(start, stringEnd(start), parent, name, index));
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          String number = p.getText();
          return new JNumber(number, span(start, start + number.length() - 1, parent, name, index));
        case VALUE_TRUE:
          return new JBool(true, span(start, start + 3, parent, name, index));
        case VALUE_FALSE:
          return new JBool(false, span(start, start + 4, parent, name, index));
        case VALUE_NULL:
          return new JNull(span(start, start + 3, parent, name, index));
        default:
          throw new IllegalStateException("unexpected token " + t);
      }
    }

    private JObject object(SourceSpan parent, String name, int index, int start) {
      SourceSpan self = span(start, start, parent, name, index);
      List<Member> members = new ArrayList<>(8);
      Set<String> folded = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String memberName = p.currentName();
        p.nextToken();
        int nameEnd = nameEnd(tokenStart());
        int nameStart = nameStart(nameEnd);
        JsonValue v = value(self, memberName, -1);
        String earlier = null;
        if (folded == null) {
          for (Member m : members) {
            if (m.name().equalsIgnoreCase(memberName)) {
              earlier = m.name();
              break;
            }
          }
          if (members.size() >= HASHED_MEMBERS) {
            folded = new HashSet<>();
            for (Member m : members) {
              folded.add(m.name().toLowerCase(Locale.ROOT));
            }
          }
        } else if (!folded.add(memberName.toLowerCase(Locale.ROOT))) {
          for (Member m : members) {
            if (m.name().equalsIgnoreCase(memberName)) {
              earlier = m.name();
              break;
            }
          }
        }
        if (earlier == null) {
          members.add(new Member(memberName, self, nameStart, nameEnd, v));
        } else {
          duplicate(memberName, earlier, self.member(nameStart, nameEnd, memberName));
        }
      }
      int end = tokenStart();
      return new JObject(members, span(start, end, parent, name, index));
    }

    private void duplicate(String name, String earlier, SourceSpan nameSpan) {
      if (earlier.equals(name)) {
        sink.accept(
            Diagnostic.of(Code.KP002, nameSpan, "duplicate member `" + name + "`")
                .withHelp(
                    "JSON parsers keep only one of the values, so one of them is silently lost;"
                        + " merge them into one member"));
      } else {
        sink.accept(
            Diagnostic.of(
                    Code.KP002,
                    nameSpan,
                    "member `" + name + "` differs from `" + earlier + "` only in case")
                .withHelp("element names are case-sensitive; keep one spelling"));
      }
    }

    private JArray array(SourceSpan parent, String name, int index, int start) {
      SourceSpan self = span(start, start, parent, name, index);
      List<JsonValue> items = new ArrayList<>(4);
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(self, null, items.size()));
      }
      int end = tokenStart();
      return new JArray(items, span(start, end, parent, name, index));
    }

    /**
     * The offset of the current value token's first character. Jackson's raw token offset is one
     * past it (its location objects subtract the one), so this does the same without allocating.
     */
    private int tokenStart() {
      return (int) offsets.getTokenCharacterOffset() - 1;
    }

    /**
     * The offset of the quote closing the member name before the value starting at {@code
     * valueStart}: back over white space, the colon, and white space again.
     */
    private int nameEnd(int valueStart) {
      int i = valueStart - 1;
      while (i > 0 && text.charAt(i) != ':') {
        i--;
      }
      i--;
      while (i > 0 && text.charAt(i) != '"') {
        i--;
      }
      return i;
    }

    /** The offset of the quote opening the string whose closing quote is at {@code end}. */
    private int nameStart(int end) {
      int i = end - 1;
      while (i > 0) {
        if (text.charAt(i) == '"') {
          int backslashes = 0;
          while (text.charAt(i - 1 - backslashes) == '\\') {
            backslashes++;
          }
          if (backslashes % 2 == 0) {
            return i;
          }
        }
        i--;
      }
      return Math.max(0, i);
    }

    /** The offset of the quote that closes the string whose opening quote is at {@code start}. */
    private int stringEnd(int start) {
      int i = start + 1;
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == '"') {
          return i;
        }
        i += c == '\\' ? 2 : 1;
      }
      return n - 1;
    }

    private SourceSpan span(int start, int end, SourceSpan parent, String name, int index) {
      return SourceSpan.lazy(file, lines, start, end, parent, name, index);
    }
  }
}
