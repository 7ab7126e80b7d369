package dev.keyvet.engine.schema;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.read.ReadLimits;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON document as a Jackson tree for the validator, with the source span of every value and
 * every member name, keyed by JSON pointer. It parses exactly as the policy reader does (strict
 * JSON, the reader's default limits, the first of several members whose names are equal ignoring
 * case kept), so that positions and contents agree with the reader's. Immutable.
 */
final class LocatedTree {
  private static final JsonFactory FACTORY = factory(ReadLimits.DEFAULT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final JsonNode root;
  private final Map<String, SourceSpan> values;
  private final Map<String, SourceSpan> names;

  private LocatedTree(
      String file, JsonNode root, Map<String, SourceSpan> values, Map<String, SourceSpan> names) {
    this.file = file;
    this.root = root;
    this.values = Map.copyOf(values);
    this.names = Map.copyOf(names);
  }

  /**
   * The tree of {@code text}, or null when the reader would not get a tree from it (not JSON,
   * trailing text, or beyond the reader's limits): the reader reports those itself.
   */
  static LocatedTree parse(String file, String text) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      if (p.nextToken() == null) {
        return null;
      }
      Walk walk = new Walk(file, p);
      JsonNode root = walk.value("");
      if (p.nextToken() != null) {
        return null;
      }
      return new LocatedTree(file, root, walk.values, walk.names);
    } catch (JacksonException e) {
      return null;
    }
  }

  JsonNode root() {
    return root;
  }

  /** The node at {@code pointer}, or a missing node. */
  JsonNode node(String pointer) {
    return root.at(pointer);
  }

  /** Where the value at {@code pointer} is written; the document start if it is not in the tree. */
  SourceSpan value(String pointer) {
    SourceSpan span = values.get(pointer);
    return span != null ? span : SourceSpan.at(file, 1, 1, pointer);
  }

  /** Where the name of the member at {@code pointer} is written, else where its value is. */
  SourceSpan name(String pointer) {
    SourceSpan span = names.get(pointer);
    return span != null ? span : value(pointer);
  }

  private static JsonFactory factory(ReadLimits limits) {
    return JsonFactory.builder().streamReadConstraints(limits.constraints()).build();
  }

  /** One traversal: the parser positioned on a value's first token. */
  private static final class Walk {
    private final String file;
    private final JsonParser p;
    private final Map<String, SourceSpan> values = new HashMap<>();
    private final Map<String, SourceSpan> names = new HashMap<>();

    Walk(String file, JsonParser p) {
      this.file = file;
      this.p = p;
    }

    JsonNode value(String pointer) {
      TokenStreamLocation start = p.currentTokenLocation();
      JsonNode node =
          switch (p.currentToken()) {
            case START_OBJECT -> object(pointer);
            case START_ARRAY -> array(pointer);
            case VALUE_STRING -> NODES.stringNode(p.getString());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
          };
      values.put(pointer, span(start, pointer));
      return node;
    }

    private ObjectNode object(String pointer) {
      ObjectNode obj = NODES.objectNode();
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        TokenStreamLocation at = p.currentTokenLocation();
        String child = pointer + "/" + Paths.escape(name);
        p.nextToken();
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
          // The reader drops a repeated member (reported as KP002); drop it here too.
          p.skipChildren();
          continue;
        }
        names.put(
            child,
            new SourceSpan(
                file,
                at.getLineNr(),
                at.getColumnNr(),
                at.getLineNr(),
                at.getColumnNr() + name.length() + 1,
                child));
        obj.set(name, value(child));
      }
      return obj;
    }

    private ArrayNode array(String pointer) {
      ArrayNode array = NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        array.add(value(pointer + "/" + array.size()));
      }
      return array;
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
  }
}
