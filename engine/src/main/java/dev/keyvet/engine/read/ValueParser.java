package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.IamDates;
import dev.keyvet.engine.model.IpRange;
import dev.keyvet.engine.model.OperatorFamily;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.TypedValue;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Interprets a condition value under its operator's family, reporting values that do not parse
 * (KP116), policy variables where they are not allowed or not expanded (KP120), and unrendered
 * template placeholders (KP015).
 */
final class ValueParser {
  private ValueParser() {}

  /**
   * The value of {@code text} under {@code family} (null for an unknown operator), reporting
   * problems to {@code sink}.
   */
  static TypedValue parse(
      OperatorFamily family,
      String text,
      boolean variablesEnabled,
      SourceSpan span,
      Consumer<Diagnostic> sink) {
    return parse(family, text, true, variablesEnabled, span, sink);
  }

  /**
   * As {@link #parse(OperatorFamily, String, boolean, SourceSpan, Consumer)}; {@code markup} false
   * promises that {@code text} holds none of {@code $}, {@code <} and the opening brace.
   */
  static TypedValue parse(
      OperatorFamily family,
      String text,
      boolean markup,
      boolean variablesEnabled,
      SourceSpan span,
      Consumer<Diagnostic> sink) {
    String placeholder = markup ? Placeholders.find(text) : null;
    if (placeholder != null) {
      sink.accept(
          Diagnostic.of(
              Code.KP015,
              span,
              "unrendered template placeholder `" + placeholder + "` in `" + text + "`"));
    }
    if (family == null) {
      return new TypedValue.Str(Template.literal(text, span));
    }
    switch (family) {
      case STRING:
      case ARN:
        return markup
            ? template(text, variablesEnabled, placeholder != null, span, sink)
            : new TypedValue.Str(Template.literal(text, span));
      default:
        break;
    }
    if (placeholder == null && markup && text.contains("${")) {
      sink.accept(
          Diagnostic.of(
              Code.KP120,
              span,
              "policy variables are not allowed in "
                  + familyWord(family)
                  + " values: `"
                  + text
                  + "`"));
      return new TypedValue.Invalid("policy variable in a " + familyWord(family) + " value");
    }
    TypedValue v = typed(family, text);
    if (v instanceof TypedValue.Invalid invalid && placeholder == null) {
      sink.accept(Diagnostic.of(Code.KP116, span, invalid.reason()));
    }
    return v;
  }

  private static TypedValue template(
      String text,
      boolean variablesEnabled,
      boolean placeholder,
      SourceSpan span,
      Consumer<Diagnostic> sink) {
    if (!text.contains("${") || placeholder) {
      // An unrendered template placeholder is already reported (KP015); the text stays literal,
      // as it does in a resource, rather than also reading as an unknown policy variable.
      return new TypedValue.Str(Template.literal(text, span));
    }
    if (!variablesEnabled) {
      if (!placeholder) {
        sink.accept(
            Diagnostic.of(
                    Code.KP120,
                    span,
                    "`"
                        + text
                        + "` is compared as literal text: policy variables need `Version` `2012-10-17`")
                .withHelp("add \"Version\": \"2012-10-17\" at the top of the policy"));
      }
      return new TypedValue.Str(Template.literal(text, span));
    }
    TemplateParser.Result r = TemplateParser.parse(text, span);
    if (r.error() != null) {
      if (!placeholder) {
        sink.accept(Diagnostic.of(Code.KP120, span, r.error()));
      }
      return new TypedValue.Invalid(r.error());
    }
    return new TypedValue.Str(r.template());
  }

  /** The typed value for a non-string family; {@link TypedValue.Invalid} when it does not parse. */
  static TypedValue typed(OperatorFamily family, String text) {
    switch (family) {
      case NUMERIC:
        return isDecimal(text)
            ? new TypedValue.Num(new BigDecimal(text))
            : new TypedValue.Invalid("`" + text + "` is not a number");
      case DATE:
        return IamDates.parse(text)
            .<TypedValue>map(TypedValue.DateTime::new)
            .orElseGet(
                () ->
                    new TypedValue.Invalid(
                        "`"
                            + text
                            + "` is not a date; use ISO 8601 such as `2026-01-31T12:00:00Z` or epoch seconds"));
      case BOOL:
        return bool(text, "Bool");
      case NULL:
        return bool(text, "Null") instanceof TypedValue.Bool b
            ? new TypedValue.NullCheck(b.value())
            : new TypedValue.Invalid("`" + text + "` is not `true` or `false` (a `Null` test)");
      case BINARY:
        try {
          byte[] bytes = Base64.getDecoder().decode(text);
          return new TypedValue.Bytes(Base64.getEncoder().encodeToString(bytes));
        } catch (IllegalArgumentException e) {
          return new TypedValue.Invalid("`" + text + "` is not base64");
        }
      case IP_ADDRESS:
        return IpRange.parse(text)
            .<TypedValue>map(TypedValue.Ip::new)
            .orElseGet(
                () ->
                    new TypedValue.Invalid(
                        "`"
                            + text
                            + "` is not an IP address or CIDR range such as `203.0.113.0/24`"));
      default:
        throw new IllegalArgumentException("not a typed family: " + family);
    }
  }

  /**
   * True for an optional minus, digits, and optionally a point and more digits: the language of
   * {@code -?\d+(\.\d+)?} (ASCII digits), without a regex.
   */
  static boolean isDecimal(String text) {
    int i = text.startsWith("-") ? 1 : 0;
    int intStart = i;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    if (i == intStart) {
      return false;
    }
    if (i == text.length()) {
      return true;
    }
    if (text.charAt(i) != '.') {
      return false;
    }
    int fracStart = ++i;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    return i > fracStart && i == text.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static TypedValue bool(String text, String operator) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return new TypedValue.Bool(lower.equals("true"));
    }
    return new TypedValue.Invalid(
        "`" + text + "` is not `true` or `false` (a `" + operator + "` value)");
  }

  private static String familyWord(OperatorFamily family) {
    switch (family) {
      case NUMERIC:
        return "Numeric";
      case DATE:
        return "Date";
      case BOOL:
        return "Bool";
      case BINARY:
        return "Binary";
      case IP_ADDRESS:
        return "IP address";
      case NULL:
        return "Null";
      default:
        return family.name();
    }
  }
}
