package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.read.JsonValue.JArray;
import dev.keyvet.engine.read.JsonValue.JBool;
import dev.keyvet.engine.read.JsonValue.JNull;
import dev.keyvet.engine.read.JsonValue.JNumber;
import dev.keyvet.engine.read.JsonValue.JObject;
import dev.keyvet.engine.read.JsonValue.JString;
import dev.keyvet.engine.read.JsonValue.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
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
  JsonValue read(String file, String text, Consumer<Diagnostic> sink) {
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        sink.accept(
            Diagnostic.of(Code.KP001, SourceSpan.at(file, 1, 1, ""), "the document is empty")
                .withHelp("a key policy is a JSON object with a `Statement`"));
        return null;
      }
      JsonValue root = new Walk(file, p, sink).value("");
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
    private final String file;
    private final JsonParser p;
    private final Consumer<Diagnostic> sink;

    Walk(String file, JsonParser p, Consumer<Diagnostic> sink) {
      this.file = file;
      this.p = p;
      this.sink = sink;
    }

    JsonValue value(String pointer) {
      TokenStreamLocation start = p.currentTokenLocation();
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT:
          return object(pointer, start);
        case START_ARRAY:
          return array(pointer, start);
        case VALUE_STRING:
          return new JString(p.getString(), span(start, pointer));
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return new JNumber(p.getText(), span(start, pointer));
        case VALUE_TRUE:
          return new JBool(true, span(start, pointer));
        case VALUE_FALSE:
          return new JBool(false, span(start, pointer));
        case VALUE_NULL:
          return new JNull(span(start, pointer));
        default:
          throw new IllegalStateException("unexpected token " + t);
      }
    }

    private JObject object(String pointer, TokenStreamLocation start) {
      List<Member> members = new ArrayList<>();
      Map<String, String> seen = new HashMap<>();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        TokenStreamLocation nameAt = p.currentTokenLocation();
        String childPointer = pointer + "/" + escape(name);
        SourceSpan nameSpan =
            new SourceSpan(
                file,
                nameAt.getLineNr(),
                nameAt.getColumnNr(),
                nameAt.getLineNr(),
                nameAt.getColumnNr() + name.length() + 1,
                childPointer);
        p.nextToken();
        JsonValue v = value(childPointer);
        String folded = name.toLowerCase(Locale.ROOT);
        String earlier = seen.putIfAbsent(folded, name);
        if (earlier == null) {
          members.add(new Member(name, nameSpan, v));
        } else if (earlier.equals(name)) {
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
      return new JObject(members, span(start, pointer));
    }

    private JArray array(String pointer, TokenStreamLocation start) {
      List<JsonValue> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(pointer + "/" + items.size()));
      }
      return new JArray(items, span(start, pointer));
    }

    private SourceSpan span(TokenStreamLocation start, String pointer) {
      TokenStreamLocation end = p.currentLocation();
      int endLine = end.getLineNr();
      int endColumn = Math.max(1, end.getColumnNr() - 1);
      if (endLine < start.getLineNr()
          || (endLine == start.getLineNr() && endColumn < start.getColumnNr())) {
        endLine = start.getLineNr();
        endColumn = start.getColumnNr();
      }
      return new SourceSpan(
          file, start.getLineNr(), start.getColumnNr(), endLine, endColumn, pointer);
    }

    private static String escape(String name) {
      if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
        return name;
      }
      return name.replace("~", "~0").replace("/", "~1");
    }
  }
}
