package dev.keyvet.engine.tree;

import java.math.BigInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a whole JSON or YAML document into a {@link JsonNode} tree, as {@code
 * ObjectMapper.readTree} does, but with the streaming parser alone. An empty document is a {@link
 * MissingNode}; a later duplicate member replaces an earlier one unless the reading is strict.
 */
public final class Trees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The factories, each made on first use: YAML's costs start-up time JSON readers need not pay.
   */
  private static final class Json {
    static final JsonFactory PLAIN = JsonFactory.builder().build();
    static final JsonFactory STRICT =
        JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  private static final class Yaml {
    static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  }

  private Trees() {}

  /** The JSON document in {@code content}. */
  public static JsonNode json(byte[] content) {
    return read(Json.PLAIN, content);
  }

  /**
   * The JSON document in {@code content}; duplicate members (also nested ones) and anything after
   * the document are errors.
   */
  public static JsonNode strictJson(byte[] content) {
    return read(Json.STRICT, content);
  }

  /** The YAML document in {@code content} (the first, if there are several). */
  public static JsonNode yaml(byte[] content) {
    return read(Yaml.FACTORY, content);
  }

  private static JsonNode read(TokenStreamFactory factory, byte[] content) {
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), content)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return MissingNode.getInstance();
      }
      JsonNode root = value(p, first);
      if (factory == Json.STRICT && p.nextToken() != null) {
        throw new StreamReadException(p, "trailing content after the document");
      }
      return root;
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws JacksonException {
    switch (t) {
      case START_OBJECT:
        ObjectNode o = NODES.objectNode();
        for (JsonToken n = p.nextToken(); n == JsonToken.PROPERTY_NAME; n = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      case START_ARRAY:
        ArrayNode a = NODES.arrayNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          a.add(value(p, n));
        }
        return a;
      case VALUE_STRING:
        return NODES.stringNode(p.getString());
      case VALUE_NUMBER_INT:
        return integer(p);
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // An embedded object (YAML binary): its text is all a settings file could mean.
        return NODES.stringNode(p.getString());
    }
  }

  private static JsonNode integer(JsonParser p) {
    switch (p.getNumberType()) {
      case INT:
        return NODES.numberNode(p.getIntValue());
      case LONG:
        return NODES.numberNode(p.getLongValue());
      default:
        BigInteger big = p.getBigIntegerValue();
        return NODES.numberNode(big);
    }
  }
}
