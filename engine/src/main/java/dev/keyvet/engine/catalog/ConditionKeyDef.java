package dev.keyvet.engine.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the catalogue knows about one condition key, or one family of keys for a prefix key such as
 * {@code aws:PrincipalTag/}. A definition is always self-consistent: {@code multiValued} equals
 * {@code type.isMultiValued()}, a deprecated key names its replacement, and only prefix keys have a
 * suffix pattern.
 *
 * @param name canonical name, e.g. {@code kms:CallerAccount}; for prefix keys the prefix including
 *     its separator, e.g. {@code kms:EncryptionContext:}
 * @param type value type
 * @param alsoNumeric true when the key also works with Numeric operators ({@code aws:EpochTime})
 * @param multiValued true when the request value is a set (use {@code ForAllValues}/{@code
 *     ForAnyValue})
 * @param prefix true when {@code name} is completed by a caller-chosen suffix
 * @param suffixPattern regular expression, matched case-insensitively, that a suffix must match;
 *     empty when any non-empty suffix is accepted
 * @param deprecated true for keys AWS keeps only for compatibility
 * @param replacedBy the key to use instead, present exactly when deprecated
 * @param source where the value comes from
 * @param everyAction true for {@code aws:} keys IAM may supply for any action
 * @param values documented values, empty when open-ended (AWS may add values)
 * @param note extra facts for explanations, or empty
 */
public record ConditionKeyDef(
    String name,
    ConditionKeyType type,
    boolean alsoNumeric,
    boolean multiValued,
    boolean prefix,
    String suffixPattern,
    boolean deprecated,
    Optional<String> replacedBy,
    ConditionKeySource source,
    boolean everyAction,
    List<String> values,
    String note) {

  public ConditionKeyDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(suffixPattern, "suffixPattern");
    Objects.requireNonNull(replacedBy, "replacedBy");
    Objects.requireNonNull(source, "source");
    values = List.copyOf(values);
    Objects.requireNonNull(note, "note");
    int colon = name.indexOf(':');
    if (colon <= 0 || colon == name.length() - 1) {
      throw new IllegalArgumentException("condition key `" + name + "` needs a service prefix");
    }
    if (multiValued != type.isMultiValued()) {
      throw new IllegalArgumentException(
          "condition key `" + name + "`: multiValued must be true exactly for ArrayOf types");
    }
    if (prefix != (name.endsWith(":") || name.endsWith("/"))) {
      throw new IllegalArgumentException(
          "condition key `" + name + "`: prefix keys, and only they, end with `:` or `/`");
    }
    if (!prefix && !suffixPattern.isEmpty()) {
      throw new IllegalArgumentException(
          "condition key `" + name + "`: only prefix keys have a suffix pattern");
    }
    if (deprecated != replacedBy.isPresent()) {
      throw new IllegalArgumentException(
          "condition key `" + name + "`: a deprecated key, and only it, names its replacement");
    }
  }

  /** The service prefix without colon: {@code kms} or {@code aws}. */
  public String service() {
    return name.substring(0, name.indexOf(':'));
  }
}
