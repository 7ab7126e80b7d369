package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into literal text and policy variables: {@code ${key}}, {@code ${key,
 * 'default'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}.
 */
final class TemplateParser {
  private TemplateParser() {}

  /** The outcome: a template, or the reason the text is not a well-formed template. */
  record Result(Template template, String error) {}

  static Result parse(String text, SourceSpan span) {
    if (text.indexOf("${") < 0) {
      return new Result(Template.literal(text, span), null);
    }
    List<Template.Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, open);
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        return new Result(null, "policy variable `" + text.substring(open) + "` is not closed");
      }
      String inner = text.substring(open + 2, close);
      if (inner.length() == 1 && "*?$".indexOf(inner.charAt(0)) >= 0) {
        flush(parts, literal);
        parts.add(new Template.Escaped(inner.charAt(0)));
      } else {
        Template.Variable v = variable(inner);
        if (v == null) {
          return new Result(
              null, "policy variable `${" + inner + "}` is malformed; write ${key} or ${key, 'x'}");
        }
        flush(parts, literal);
        parts.add(v);
      }
      i = close + 1;
    }
    flush(parts, literal);
    return new Result(new Template(text, parts, span), null);
  }

  /** The names of the variables in {@code text}, including malformed ones, without parsing. */
  static List<String> variableNames(String text) {
    List<String> names = new ArrayList<>();
    int i = text.indexOf("${");
    while (i >= 0) {
      int close = text.indexOf('}', i + 2);
      String inner = close < 0 ? text.substring(i + 2) : text.substring(i + 2, close);
      int comma = inner.indexOf(',');
      names.add((comma < 0 ? inner : inner.substring(0, comma)).trim());
      i = close < 0 ? -1 : text.indexOf("${", close + 1);
    }
    return names;
  }

  private static Template.Variable variable(String inner) {
    int comma = inner.indexOf(',');
    String key = (comma < 0 ? inner : inner.substring(0, comma)).trim();
    if (key.isEmpty() || !key.equals(key.strip()) || key.indexOf(' ') >= 0) {
      return null;
    }
    if (comma < 0) {
      return new Template.Variable(key, null);
    }
    String def = inner.substring(comma + 1).trim();
    if (def.length() < 2 || def.charAt(0) != '\'' || def.charAt(def.length() - 1) != '\'') {
      return null;
    }
    return new Template.Variable(key, def.substring(1, def.length() - 1));
  }

  private static void flush(List<Template.Part> parts, StringBuilder literal) {
    if (literal.length() > 0) {
      parts.add(new Template.Literal(literal.toString()));
      literal.setLength(0);
    }
  }
}
