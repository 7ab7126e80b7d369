package dev.keyvet.engine.catalog;

import dev.keyvet.engine.tree.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the catalogue file strictly: unknown or duplicate members, wrong JSON types and dangling
 * key references are errors, so a typo in the data cannot silently weaken a check. Every failure is
 * an {@link IllegalStateException} naming the resource.
 */
final class CatalogLoader {
  private static final Set<String> TOP =
      Set.of("about", "commonKeyResourceKeys", "actions", "conditionKeys");
  private static final Set<String> ACTION =
      Set.of("name", "resource", "crossAccount", "grantable", "conditionKeys", "note");
  private static final Set<String> KEY =
      Set.of(
          "name",
          "type",
          "alsoNumeric",
          "multiValued",
          "prefix",
          "suffixPattern",
          "deprecated",
          "replacedBy",
          "source",
          "everyAction",
          "values",
          "note");

  private CatalogLoader() {}

  /** Loads {@code resourceName}, resolved relative to {@code anchor}'s package. */
  static KmsCatalog load(Class<?> anchor, String resourceName) {
    String where = anchor.getPackageName().replace('.', '/') + "/" + resourceName;
    try (InputStream in = anchor.getResourceAsStream(resourceName)) {
      if (in == null) {
        throw new IllegalStateException("catalogue resource `" + where + "` is missing");
      }
      return parse(in.readAllBytes(), where);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read catalogue resource `" + where + "`", e);
    }
  }

  /** Parses catalogue JSON; {@code where} names its origin in error messages. */
  static KmsCatalog parse(byte[] json, String where) {
    try {
      JsonNode root = Trees.strictJson(json);
      object(root, "catalogue", TOP);
      object(required(root, "about", "catalogue"), "about", null);
      List<String> common = strings(root, "commonKeyResourceKeys", "catalogue");
      List<KmsAction> actions = new ArrayList<>();
      JsonNode actionNodes = array(root, "actions");
      for (int i = 0; i < actionNodes.size(); i++) {
        actions.add(action(actionNodes.get(i), "actions[" + i + "]"));
      }
      List<ConditionKeyDef> keys = new ArrayList<>();
      JsonNode keyNodes = array(root, "conditionKeys");
      for (int i = 0; i < keyNodes.size(); i++) {
        keys.add(key(keyNodes.get(i), "conditionKeys[" + i + "]"));
      }
      return new KmsCatalog(actions, keys, common);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "broken catalogue resource `" + where + "`: " + e.getMessage(), e);
    }
  }

  private static KmsAction action(JsonNode n, String at) {
    object(n, at, ACTION);
    return new KmsAction(
        string(n, "name", at),
        ResourceKind.fromJson(string(n, "resource", at)),
        bool(required(n, "crossAccount", at), at + ".crossAccount"),
        bool(required(n, "grantable", at), at + ".grantable"),
        strings(n, "conditionKeys", at),
        optionalString(n, "note", at).orElse(""));
  }

  private static ConditionKeyDef key(JsonNode n, String at) {
    object(n, at, KEY);
    Optional<String> replacedBy = optionalString(n, "replacedBy", at);
    return new ConditionKeyDef(
        string(n, "name", at),
        ConditionKeyType.fromJson(string(n, "type", at)),
        flag(n, "alsoNumeric", at),
        flag(n, "multiValued", at),
        flag(n, "prefix", at),
        optionalString(n, "suffixPattern", at).orElse(""),
        flag(n, "deprecated", at),
        replacedBy,
        ConditionKeySource.fromJson(string(n, "source", at)),
        flag(n, "everyAction", at),
        n.has("values") ? strings(n, "values", at) : List.of(),
        optionalString(n, "note", at).orElse(""));
  }

  private static void object(JsonNode n, String at, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(at + ": expected an object");
    }
    if (allowed != null) {
      for (String name : n.propertyNames()) {
        if (!allowed.contains(name)) {
          throw new IllegalArgumentException(at + ": unknown member `" + name + "`");
        }
      }
    }
  }

  private static JsonNode required(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new IllegalArgumentException(at + ": missing `" + field + "`");
    }
    return v;
  }

  private static JsonNode array(JsonNode n, String field) {
    JsonNode v = required(n, field, "catalogue");
    if (!v.isArray()) {
      throw new IllegalArgumentException(field + ": expected an array");
    }
    return v;
  }

  private static String string(JsonNode n, String field, String at) {
    JsonNode v = required(n, field, at);
    if (!v.isString() || v.stringValue().isEmpty()) {
      throw new IllegalArgumentException(at + "." + field + ": expected a non-empty string");
    }
    return v.stringValue();
  }

  private static Optional<String> optionalString(JsonNode n, String field, String at) {
    return n.has(field) ? Optional.of(string(n, field, at)) : Optional.empty();
  }

  private static boolean bool(JsonNode v, String at) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(at + ": expected true or false");
    }
    return v.booleanValue();
  }

  private static boolean flag(JsonNode n, String field, String at) {
    return n.has(field) && bool(n.get(field), at + "." + field);
  }

  private static List<String> strings(JsonNode n, String field, String at) {
    JsonNode v = required(n, field, at);
    if (!v.isArray()) {
      throw new IllegalArgumentException(at + "." + field + ": expected an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v.values()) {
      if (!e.isString() || e.stringValue().isEmpty()) {
        throw new IllegalArgumentException(at + "." + field + ": expected non-empty strings");
      }
      out.add(e.stringValue());
    }
    return out;
  }
}
