package dev.keyvet.engine.catalog;

import java.util.Locale;

/** Where the value of a condition key comes from when a request is evaluated. */
public enum ConditionKeySource {
  /** A request parameter, or how the request reached KMS (e.g. {@code kms:ViaService}). */
  REQUEST,
  /** A property of the KMS key the request uses (e.g. {@code kms:KeySpec}, tags). */
  RESOURCE,
  /** The calling principal or its session (e.g. {@code aws:PrincipalArn}). */
  PRINCIPAL,
  /** Request context IAM sets for any call (e.g. {@code aws:SourceIp}, {@code aws:CurrentTime}). */
  GLOBAL;

  /** The name used in the catalogue file, e.g. {@code request}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source named {@code name} in the catalogue file.
   *
   * @throws IllegalArgumentException if no source has that name
   */
  public static ConditionKeySource fromJson(String name) {
    for (ConditionKeySource s : values()) {
      if (s.jsonName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown condition key source `" + name + "`");
  }
}
