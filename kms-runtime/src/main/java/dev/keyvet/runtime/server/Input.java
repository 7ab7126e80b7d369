package dev.keyvet.runtime.server;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The members of one request, read with AWS's constraints. A member of the wrong JSON type fails at
 * once with {@code SerializationException}; constraint violations (missing required members,
 * lengths, ranges, enum values, patterns) are collected and reported together as one {@code
 * ValidationException} by {@link #done()}, worded as AWS words them.
 */
final class Input {
  private static final int MAX_ECHO = 128;

  private final JsonNode body;
  private final List<String> violations = new ArrayList<>();

  Input(JsonNode body) {
    this.body = body;
  }

  /** Throws the collected constraint violations, if any. */
  void done() {
    if (violations.isEmpty()) {
      return;
    }
    int n = violations.size();
    throw AwsError.validation(
        n
            + (n == 1 ? " validation error detected: " : " validation errors detected: ")
            + String.join("; ", violations));
  }

  /** AWS names members in validation messages in camel case: {@code KeyId} → {@code keyId}. */
  static String path(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  private void violation(String value, String member, String constraint) {
    violations.add(
        (value == null ? "Value" : "Value " + value)
            + " at '"
            + path(member)
            + "' failed to satisfy constraint: Member must "
            + constraint);
  }

  private static String echo(String v) {
    return "'" + (v.length() > MAX_ECHO ? v.substring(0, MAX_ECHO) + "..." : v) + "'";
  }

  private JsonNode node(String member) {
    JsonNode n = body.get(member);
    return n == null || n.isNull() ? null : n;
  }

  private static AwsError wrongType(String member, String expected, JsonNode n) {
    String found =
        n.isString()
            ? "STRING_VALUE"
            : n.isNumber()
                ? "NUMBER_VALUE"
                : n.isBoolean() ? "BOOLEAN_VALUE" : n.isArray() ? "START_ARRAY" : "START_OBJECT";
    return AwsError.serialization(
        found + " can not be converted to " + expected + " (member " + member + ")");
  }

  boolean has(String member) {
    return node(member) != null;
  }

  // --- strings -------------------------------------------------------------------------------

  String string(String member, boolean required, int min, int max) {
    JsonNode n = node(member);
    if (n == null) {
      if (required) {
        violation("null", member, "not be null");
      }
      return null;
    }
    if (!n.isString()) {
      throw wrongType(member, "String", n);
    }
    String v = n.stringValue();
    int len = v.codePointCount(0, v.length());
    if (len < min) {
      violation(echo(v), member, "have length greater than or equal to " + min);
    } else if (len > max) {
      violation(echo(v), member, "have length less than or equal to " + max);
    }
    return v;
  }

  String string(String member, boolean required, int min, int max, Pattern pattern) {
    String v = string(member, required, min, max);
    if (v != null && !pattern.matcher(v).matches()) {
      violation(echo(v), member, "satisfy regular expression pattern: " + pattern.pattern());
    }
    return v;
  }

  String enumValue(String member, boolean required, Set<String> values) {
    JsonNode n = node(member);
    if (n == null) {
      if (required) {
        violation("null", member, "not be null");
      }
      return null;
    }
    if (!n.isString()) {
      throw wrongType(member, "String", n);
    }
    String v = n.stringValue();
    if (!values.contains(v)) {
      violation(echo(v), member, "satisfy enum value set: " + sorted(values));
    }
    return v;
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().toList().toString();
  }

  // --- blobs ---------------------------------------------------------------------------------

  /** A base64 blob; its value is never echoed (it may be plaintext or key material). */
  byte[] blob(String member, boolean required, int min, int max) {
    JsonNode n = node(member);
    if (n == null) {
      if (required) {
        violation("null", member, "not be null");
      }
      return null;
    }
    if (!n.isString()) {
      throw wrongType(member, "Blob", n);
    }
    byte[] v;
    try {
      v = Base64.getDecoder().decode(n.stringValue());
    } catch (IllegalArgumentException e) {
      throw AwsError.serialization("Base64 encoded value of " + member + " is not valid");
    }
    if (v.length < min) {
      violation(null, member, "have length greater than or equal to " + min);
    } else if (v.length > max) {
      violation(null, member, "have length less than or equal to " + max);
    }
    return v;
  }

  // --- numbers, booleans, timestamps ---------------------------------------------------------

  Integer integer(String member, boolean required, int min, int max) {
    JsonNode n = node(member);
    if (n == null) {
      if (required) {
        violation("null", member, "not be null");
      }
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw wrongType(member, "Integer", n);
    }
    int v = n.intValue();
    if (v < min) {
      violation("'" + v + "'", member, "have value greater than or equal to " + min);
    } else if (v > max) {
      violation("'" + v + "'", member, "have value less than or equal to " + max);
    }
    return v;
  }

  Boolean bool(String member) {
    JsonNode n = node(member);
    if (n == null) {
      return null;
    }
    if (!n.isBoolean()) {
      throw wrongType(member, "Boolean", n);
    }
    return n.booleanValue();
  }

  boolean flag(String member) {
    return Boolean.TRUE.equals(bool(member));
  }

  /** A timestamp: epoch seconds as a number, as the AWS JSON protocol sends it. */
  Instant timestamp(String member) {
    JsonNode n = node(member);
    if (n == null) {
      return null;
    }
    if (!n.isNumber()) {
      throw wrongType(member, "Timestamp", n);
    }
    BigDecimal seconds = n.decimalValue();
    try {
      long whole = seconds.longValueExact();
      return Instant.ofEpochSecond(whole);
    } catch (ArithmeticException e) {
      BigDecimal millis = seconds.movePointRight(3);
      try {
        return Instant.ofEpochMilli(millis.longValue());
      } catch (RuntimeException x) {
        throw AwsError.serialization("the value of " + member + " is not a timestamp");
      }
    } catch (RuntimeException e) {
      throw AwsError.serialization("the value of " + member + " is not a timestamp");
    }
  }

  // --- collections ---------------------------------------------------------------------------

  Map<String, String> stringMap(String member) {
    return stringMap(member, node(member));
  }

  private static Map<String, String> stringMap(String member, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw wrongType(member, "Map", n);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (var e : n.properties()) {
      JsonNode v = e.getValue();
      if (!v.isString()) {
        throw wrongType(member + "." + e.getKey(), "String", v);
      }
      m.put(e.getKey(), v.stringValue());
    }
    return m;
  }

  List<String> stringList(
      String member, boolean required, int minItems, int maxItems, int min, int max) {
    JsonNode n = node(member);
    if (n == null) {
      if (required) {
        violation("null", member, "not be null");
      }
      return null;
    }
    if (!n.isArray()) {
      throw wrongType(member, "List", n);
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : n) {
      i++;
      if (!item.isString()) {
        throw wrongType(member, "String", item);
      }
      String v = item.stringValue();
      int len = v.codePointCount(0, v.length());
      String at = member + "." + i + ".member";
      if (len < min) {
        violation(echo(v), at, "have length greater than or equal to " + min);
      } else if (len > max) {
        violation(echo(v), at, "have length less than or equal to " + max);
      }
      out.add(v);
    }
    if (out.size() < minItems) {
      violation(out.toString(), member, "have length greater than or equal to " + minItems);
    } else if (out.size() > maxItems) {
      violation(echo(out.toString()), member, "have length less than or equal to " + maxItems);
    }
    return out;
  }

  List<String> enumList(String member, boolean required, Set<String> values) {
    List<String> list = stringList(member, required, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
    if (list != null) {
      int i = 0;
      for (String v : list) {
        i++;
        if (!values.contains(v)) {
          violation(
              echo(v), member + "." + i + ".member", "satisfy enum value set: " + sorted(values));
        }
      }
    }
    return list;
  }

  /** A list of {@code {TagKey, TagValue}}: keys 1–128 characters, values 0–256. */
  Map<String, String> tags(String member) {
    JsonNode n = node(member);
    if (n == null) {
      return null;
    }
    if (!n.isArray()) {
      throw wrongType(member, "List", n);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode t : n) {
      i++;
      if (!t.isObject()) {
        throw wrongType(member, "Tag", t);
      }
      Input tag = new Input(t);
      String at = member + "." + i + ".member.";
      String key = tag.string("TagKey", true, 1, 128);
      String value = tag.string("TagValue", true, 0, 256);
      for (String v : tag.violations) {
        violations.add(v.replace(" at 'tag", " at '" + path(at) + "tag"));
      }
      if (key != null && value != null) {
        tags.put(key, value);
      }
    }
    return tags;
  }

  /** CreateGrant's Constraints: {@code EncryptionContextSubset} and {@code ...Equals}. */
  Map<String, Map<String, String>> constraints(String member) {
    JsonNode n = node(member);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw wrongType(member, "GrantConstraints", n);
    }
    Map<String, Map<String, String>> c = new LinkedHashMap<>();
    c.put("subset", stringMap("EncryptionContextSubset", n.get("EncryptionContextSubset")));
    c.put("equals", stringMap("EncryptionContextEquals", n.get("EncryptionContextEquals")));
    return c;
  }
}
