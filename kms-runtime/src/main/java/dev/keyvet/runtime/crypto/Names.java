package dev.keyvet.runtime.crypto;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses AWS enumeration values case-sensitively, as AWS does. */
final class Names {
  private Names() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
    if (value != null) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
    }
    throw KmsException.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + parameter
            + "' failed to satisfy constraint: Member must satisfy enum value set: ["
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "))
            + "]");
  }
}
