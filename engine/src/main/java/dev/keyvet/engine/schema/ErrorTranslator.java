package dev.keyvet.engine.schema;

import com.networknt.schema.Error;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns one validator error into the diagnostic the policy reader gives for the same problem: the
 * same code, a span at the same place (the member name for unknown or doubled members, the
 * enclosing object for missing ones, the value otherwise), and a message in keyvet's words.
 *
 * <p>The code follows from the failing keyword and where in the schema it is (which {@code $defs}
 * entry); {@code docs/schema.md} has the table. Anything unforeseen is KP003.
 */
final class ErrorTranslator {
  /** What a value must be, where the schema's bare type list says too little. */
  private static final Map<String, String> EXPECTED =
      Map.of(
          "/properties/Statement/type", "an object or an array of objects",
          "/$defs/principal/type", "`*` or an object",
          "/$defs/principalNames/type", "a string or an array of strings",
          "/$defs/stringList/type", "a string or an array of strings");

  private final JsonNode schema;
  private final LocatedTree tree;

  /**
   * A translator for errors found in {@code tree} by the schema whose document is {@code schema}.
   */
  ErrorTranslator(JsonNode schema, LocatedTree tree) {
    this.schema = schema;
    this.tree = tree;
  }

  Diagnostic translate(Error e) {
    List<Object> path = Paths.segments(e.getInstanceLocation());
    String pointer = Paths.pointer(path);
    String where = Paths.pointer(e.getSchemaLocation().getFragment());
    String subject = Wording.subject(path);
    SourceSpan value = tree.value(pointer);
    JsonNode node = tree.node(pointer);
    switch (e.getKeyword()) {
      case "type":
        return wrongType(path, where, node, value);
      case "additionalProperties":
        return unknownMember(e.getProperty(), pointer, where);
      case "required":
        return ShapeDiagnostics.missing(e.getProperty(), path, where, node, value);
      case "enum":
        return ShapeDiagnostics.notAllowed(Wording.text(node), where, subject, value);
      case "minItems":
      case "minProperties":
      case "minLength":
        return ShapeDiagnostics.empty(path, where, subject, value);
      case "propertyNames":
        String name = e.getProperty();
        return ShapeDiagnostics.operator(name, tree.name(pointer + "/" + Paths.escape(name)));
      case "not":
        return bothForms(where, path, pointer);
      case "pattern":
        if (where.startsWith("/$defs/principal/")) {
          return Diagnostic.of(
              Code.KP109,
              value,
              "a principal given as a bare string must be `*`; write {\"AWS\": \""
                  + Wording.text(node)
                  + "\"}");
        }
        return Diagnostic.of(Code.KP003, value, subject + " does not have the required form");
      default:
        return Diagnostic.of(Code.KP003, value, subject + " does not have the required form");
    }
  }

  private Diagnostic wrongType(List<Object> path, String where, JsonNode node, SourceSpan at) {
    boolean conditionValue = ShapeDiagnostics.isConditionValue(where);
    boolean listItem =
        where.startsWith("/$defs/stringList/") || where.startsWith("/$defs/principalNames/");
    String intrinsic = intrinsic(node);
    if (intrinsic != null && (listItem || conditionValue)) {
      String in = conditionValue ? "a condition value" : "`" + Paths.memberName(path) + "`";
      return Diagnostic.of(
              Code.KP015, at, "unresolved CloudFormation intrinsic `" + intrinsic + "` in " + in)
          .withHelp("lint the policy as deployed, or the template's rendered output");
    }
    Object last = path.isEmpty() ? null : path.get(path.size() - 1);
    String subject =
        conditionValue && last instanceof String key
            ? "the value of `" + key + "`"
            : Wording.subject(path);
    String expected = EXPECTED.getOrDefault(where, Wording.expected(schema.at(where)));
    String message = subject + " is " + Wording.kind(node) + "; expected " + expected;
    return Diagnostic.of(conditionValue ? Code.KP116 : Code.KP003, at, message);
  }

  private Diagnostic unknownMember(String name, String pointer, String where) {
    String parent = where.substring(0, where.lastIndexOf('/'));
    List<String> known = new ArrayList<>(schema.at(parent + "/properties").propertyNames());
    SourceSpan at = tree.name(pointer + "/" + Paths.escape(name));
    String hint = DidYouMean.hint(name, known);
    if (parent.equals("/$defs/principal")) {
      return Diagnostic.of(Code.KP109, at, "unknown principal type `" + name + "`" + hint)
          .withHelp("principal types are AWS, Service, Federated and CanonicalUser");
    }
    String kind = parent.isEmpty() ? "policy" : "statement";
    return Diagnostic.of(Code.KP004, at, "unknown " + kind + " element `" + name + "`" + hint)
        .withHelp("a " + kind + " may contain " + String.join(", ", known));
  }

  /** {@code dependentSchemas/NotX/not}: the statement has both {@code X} and {@code NotX}. */
  private Diagnostic bothForms(String where, List<Object> path, String pointer) {
    String[] parts = where.split("/");
    String negated = parts.length >= 2 ? parts[parts.length - 2] : "";
    String plain = negated.startsWith("Not") ? negated.substring(3) : negated;
    String statement = "statement " + Wording.statementLabel(path, tree.node(pointer));
    return Diagnostic.of(
            Code.KP003,
            tree.name(pointer + "/" + Paths.escape(negated)),
            statement + " has both `" + plain + "` and `" + negated + "`")
        .withHelp("use one of them");
  }

  /** The function's name when {@code node} is a CloudFormation intrinsic, else null. */
  private static String intrinsic(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      String name = node.propertyNames().iterator().next();
      if (name.startsWith("Fn::") || name.equals("Ref") || name.equals("Condition")) {
        return name;
      }
    }
    return null;
  }
}
