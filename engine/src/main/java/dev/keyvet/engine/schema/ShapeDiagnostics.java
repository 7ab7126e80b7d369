package dev.keyvet.engine.schema;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.text.DidYouMean;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The diagnostics for missing members, values outside an enumeration, empty values and bad operator
 * names, worded and coded as the policy reader words and codes them. {@code where} is the JSON
 * pointer of the failing keyword inside the schema.
 */
final class ShapeDiagnostics {
  private ShapeDiagnostics() {}

  private static final String CONDITION_VALUES = "/$defs/conditionValues";

  /** The {@code $defs} that require one of two members, with what a miss is reported as. */
  private static final Map<String, Code> REQUIRED_PAIRS =
      Map.of("hasPrincipal", Code.KP008, "hasAction", Code.KP009, "hasResource", Code.KP010);

  private static final Map<String, String> REQUIRED_HELP =
      Map.of(
          "hasPrincipal",
          "every key policy statement names a principal; KMS rejects the policy otherwise",
          "hasAction",
          "",
          "hasResource",
          "KMS accepts the policy but ignores the statement; add \"Resource\": \"*\"");

  /** {@code required}: the object at {@code path}, written at {@code span}, lacks {@code name}. */
  static Diagnostic missing(
      String name, List<Object> path, String where, JsonNode node, SourceSpan span) {
    if (path.isEmpty()) {
      return Diagnostic.of(Code.KP003, span, "the policy has no `" + name + "`")
          .withHelp("a key policy needs at least one statement");
    }
    String statement = "statement " + Wording.statementLabel(path, node);
    String def = where.startsWith("/$defs/") ? where.split("/")[2] : "";
    Code code = REQUIRED_PAIRS.get(def);
    if (code != null) {
      String element = def.substring("has".length());
      String consequence = code == Code.KP010 ? ", so it applies to nothing" : "";
      return Diagnostic.of(code, span, statement + " has no `" + element + "`" + consequence)
          .withHelp(REQUIRED_HELP.get(def));
    }
    if (name.equals("Effect")) {
      return Diagnostic.of(Code.KP007, span, statement + " has no `Effect`")
          .withHelp("add \"Effect\": \"Allow\" or \"Deny\"");
    }
    return Diagnostic.of(Code.KP003, span, Wording.subject(path) + " has no `" + name + "`");
  }

  /** {@code enum}: {@code text} is not one of the allowed values. */
  static Diagnostic notAllowed(String text, String where, String subject, SourceSpan at) {
    if (where.startsWith("/$defs/version/")) {
      return Diagnostic.of(
              Code.KP006, at, "unknown `Version` `" + text + "`; expected `2012-10-17`")
          .withHelp(
              "the version is a fixed string naming the policy grammar, not a date you choose");
    }
    if (where.endsWith("/Effect/enum")) {
      boolean caseOnly = text.equalsIgnoreCase("allow") || text.equalsIgnoreCase("deny");
      String hint = caseOnly ? " (case-sensitive)" : "";
      return Diagnostic.of(
          Code.KP007, at, "`" + text + "` is not an effect; use `Allow` or `Deny`" + hint);
    }
    return Diagnostic.of(Code.KP003, at, "`" + text + "` is not allowed in " + subject);
  }

  /** {@code minItems}, {@code minProperties}, {@code minLength}: the value is empty. */
  static Diagnostic empty(List<Object> path, String where, String subject, SourceSpan at) {
    if (where.startsWith("/properties/Statement/")) {
      return Diagnostic.of(Code.KP003, at, "`Statement` is empty")
          .withHelp("a key policy needs at least one statement");
    }
    if (where.endsWith("/minLength")) {
      return Diagnostic.of(
          Code.KP011, at, "empty principal under `" + Paths.memberName(path) + "`");
    }
    if (where.endsWith("/minProperties")) {
      return Diagnostic.of(Code.KP011, at, "empty " + subject);
    }
    if (where.startsWith(CONDITION_VALUES)) {
      return Diagnostic.of(Code.KP011, at, "no values for " + subject);
    }
    return Diagnostic.of(Code.KP011, at, "empty " + subject + " list");
  }

  /** {@code propertyNames} under {@code Condition}: {@code text} is not an operator. */
  static Diagnostic operator(String text, SourceSpan at) {
    String bare = text.replaceFirst("^For(All|Any)Values?:", "").replaceFirst("IfExists$", "");
    if (bare.equals("Null")) {
      return Diagnostic.of(
          Code.KP116,
          at,
          "`" + text + "` is not allowed: `Null` tests for absence itself and takes no qualifier");
    }
    return Diagnostic.of(
            Code.KP114,
            at,
            "unknown condition operator `"
                + text
                + "`"
                + DidYouMean.hint(bare, OperatorBase.names()))
        .withHelp("operator names are case-sensitive, e.g. `StringEquals`, `ArnLike`, `Bool`");
  }

  /** True when {@code where} is inside the condition-value definition. */
  static boolean isConditionValue(String where) {
    return where.startsWith(CONDITION_VALUES);
  }
}
