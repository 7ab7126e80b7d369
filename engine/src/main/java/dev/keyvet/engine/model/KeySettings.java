package dev.keyvet.engine.model;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a key's definition says besides its policy: rotation, deletion window, key spec and the
 * aliases pointing at it, as read from CloudFormation or Terraform (or stated in the linter's
 * settings). A plain policy file has none.
 *
 * @param resource the resource's name for messages, e.g. {@code MyKey} or {@code
 *     aws_kms_key.example}
 * @param span where the resource is defined
 * @param declared true when the file creates the key; false when it only holds a policy or aliases
 *     of a key defined elsewhere, whose settings are then unknown
 * @param replica true for a multi-Region replica key, whose rotation follows its primary
 * @param values the settings written, each with its text (null when it is an expression keyvet
 *     cannot resolve) and span
 * @param aliases the aliases the file gives the key
 */
public record KeySettings(
    String resource,
    SourceSpan span,
    boolean declared,
    boolean replica,
    Map<Setting, Value> values,
    List<Alias> aliases) {

  /** A setting of a key, named as in CloudFormation. */
  public enum Setting {
    /** {@code KeyPolicy} / {@code policy}: only whether one is given matters here. */
    POLICY,
    ENABLE_KEY_ROTATION,
    ROTATION_PERIOD_IN_DAYS,
    PENDING_WINDOW_IN_DAYS,
    KEY_SPEC,
    KEY_USAGE,
    ORIGIN,
    /** A custom key store (CloudHSM or external): its keys cannot rotate automatically. */
    CUSTOM_KEY_STORE,
    MULTI_REGION,
    ENABLED
  }

  /**
   * A setting's value as written.
   *
   * @param text the literal value (a boolean or number as its JSON spelling), or null when the
   *     value is an expression (a parameter reference, a variable) keyvet cannot resolve
   * @param span where the value is written
   */
  public record Value(String text, SourceSpan span) {
    public Value {
      Objects.requireNonNull(span, "span");
    }

    /** True when the value is a literal keyvet knows. */
    public boolean known() {
      return text != null;
    }

    /** True when the value is the boolean {@code true} (also spelt as the string). */
    public boolean isTrue() {
      return "true".equalsIgnoreCase(text);
    }

    /** The value as a whole number, or null when it is not one. */
    public Long number() {
      if (text == null) {
        return null;
      }
      try {
        return Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /**
   * An alias of the key.
   *
   * @param resource the alias resource's name
   * @param name the alias name ({@code alias/...}), or null when it is an unresolved expression
   * @param span where the name is written
   */
  public record Alias(String resource, String name, SourceSpan span) {
    public Alias {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(span, "span");
    }
  }

  public KeySettings {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(span, "span");
    values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    aliases = List.copyOf(aliases);
  }

  /** The value of {@code setting}, or null when the definition does not write it. */
  public Value value(Setting setting) {
    return values.get(setting);
  }

  /** True when the definition writes {@code setting}. */
  public boolean has(Setting setting) {
    return values.containsKey(setting);
  }
}
