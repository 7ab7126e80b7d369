package dev.keyvet.engine.schema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The words schema diagnostics use for places and JSON types, in the reader's style: {@code
 * `Action`}, {@code statement #2}, {@code an array}, {@code a string or an array}.
 */
final class Wording {
  private Wording() {}

  /**
   * What the element at {@code path} is called in a message: {@code the document}, {@code statement
   * #2}, {@code item 3 of `Action`} or the member name in backticks.
   */
  static String subject(List<Object> path) {
    if (path.isEmpty()) {
      return "the document";
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer index) {
      if (path.size() == 2 && "Statement".equals(path.get(0))) {
        return "statement #" + (index + 1);
      }
      return "item " + (index + 1) + " of " + subject(path.subList(0, path.size() - 1));
    }
    return "`" + last + "`";
  }

  /**
   * How a statement is named: its {@code Sid} in backticks, else {@code #n}, as the reader names
   * it. {@code path} leads to the statement object.
   */
  static String statementLabel(List<Object> path, JsonNode statement) {
    JsonNode sid = statement.get("Sid");
    if (sid != null && sid.isString() && !sid.asString().isEmpty()) {
      return "`" + sid.asString() + "`";
    }
    Object last = path.isEmpty() ? null : path.get(path.size() - 1);
    return "#" + (last instanceof Integer index ? index + 1 : 1);
  }

  /** The JSON type of {@code node} as a phrase: {@code an object}, {@code null}. */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "a string";
  }

  /**
   * The types a schema {@code type} keyword allows, as a phrase: {@code an object}, {@code a string
   * or an array}, {@code a string, a number, a boolean or an array}.
   */
  static String expected(JsonNode type) {
    List<String> words = new ArrayList<>();
    if (type != null && type.isArray()) {
      type.forEach(t -> words.add(typeWord(t.asString())));
    } else if (type != null && type.isString()) {
      words.add(typeWord(type.asString()));
    }
    if (words.isEmpty()) {
      return "another type";
    }
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }

  /** A scalar's text as a message quotes it. */
  static String text(JsonNode node) {
    return node.isString() ? node.asString() : node.toString();
  }

  private static String typeWord(String type) {
    return switch (type) {
      case "object" -> "an object";
      case "array" -> "an array";
      case "integer" -> "an integer";
      case "null" -> "null";
      default -> "a " + type;
    };
  }
}
