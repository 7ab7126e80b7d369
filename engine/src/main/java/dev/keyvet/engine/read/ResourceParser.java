package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Template;
import java.util.function.Consumer;

/**
 * Parses one {@code Resource} value: {@code *} (this key) or a KMS key ARN pattern, possibly with
 * policy variables. Values that can never name a KMS key are reported as KP106 and kept, so that
 * they simply never match.
 */
final class ResourceParser {
  private ResourceParser() {}

  /**
   * The template for {@code text}, reporting problems to {@code sink}; {@code markup} false
   * promises that {@code text} holds none of {@code $}, {@code <} and the opening brace.
   */
  static Template parse(
      String text,
      boolean markup,
      SourceSpan span,
      boolean variablesEnabled,
      Consumer<Diagnostic> sink) {
    if (text.equals("*")) {
      return Template.literal(text, span);
    }
    if (text.isEmpty()) {
      sink.accept(Diagnostic.of(Code.KP011, span, "empty resource"));
      sink.accept(
          Diagnostic.of(Code.KP106, span, "an empty resource matches no key")
              .withHelp("in a key policy the resource is the key itself: write \"*\""));
      return Template.literal(text, span);
    }
    String placeholder = markup ? Placeholders.find(text) : null;
    if (placeholder != null) {
      sink.accept(
          Diagnostic.of(
              Code.KP015,
              span,
              "unrendered template placeholder `" + placeholder + "` in resource `" + text + "`"));
      return Template.literal(text, span);
    }
    String problem = problem(text);
    if (problem != null) {
      sink.accept(
          Diagnostic.of(Code.KP106, span, problem)
              .withHelp("in a key policy the resource is the key itself: write \"*\""));
    }
    if (!markup || !text.contains("${")) {
      return Template.literal(text, span);
    }
    if (!variablesEnabled) {
      sink.accept(
          Diagnostic.of(
              Code.KP120,
              span,
              "`" + text + "` is literal text: policy variables need `Version` `2012-10-17`"));
      return Template.literal(text, span);
    }
    TemplateParser.Result r = TemplateParser.parse(text, span);
    if (r.error() != null) {
      sink.accept(Diagnostic.of(Code.KP120, span, r.error()));
      return Template.literal(text, span);
    }
    return r.template();
  }

  /** Why {@code text} can never be this key's ARN, or null. */
  private static String problem(String text) {
    Arn arn;
    try {
      arn = Arn.parsePattern(text);
    } catch (IllegalArgumentException e) {
      return "resource " + e.getMessage();
    }
    if (!arn.service().equals("kms") && !arn.service().equals("*")) {
      return "`" + text + "` is an ARN of service `" + arn.service() + "`, not a KMS key";
    }
    String type = arn.resourceType();
    if (type.equals("alias")) {
      return "`" + text + "` is an alias ARN; aliases are never the resource of a key policy";
    }
    if (!type.equals("key") && !Arn.hasWildcard(type)) {
      return "`" + text + "` is not a KMS key ARN";
    }
    return null;
  }
}
