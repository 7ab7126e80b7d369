package dev.keyvet.runtime.audit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The defensive filter between a call's parameters and the audit log. Callers pass parameters
 * already redacted; this drops, at any depth and whatever their case, the members that carry
 * plaintext, key material, ciphertext blobs, messages to sign, MACs, import tokens and grant
 * tokens, every member whose name mentions plaintext, a secret or a password, and every binary
 * value ({@code byte[]}, {@code char[]}, {@link ByteBuffer}), which is never something to log.
 * Values of other types than JSON's (strings, numbers, booleans, null, maps with string keys,
 * collections), instants and enums are rejected rather than rendered with {@code toString()}, which
 * could print anything.
 */
public final class SecretFields {
  /** Member names (lower case) dropped wherever they occur. */
  public static final Set<String> DROPPED =
      Set.of(
          "plaintext",
          "privatekeyplaintext",
          "ciphertextblob",
          "sourceciphertextblob",
          "privatekeyciphertextblob",
          "ciphertextforrecipient",
          "encryptedkeymaterial",
          "keymaterial",
          "importtoken",
          "message",
          "mac",
          "granttokens",
          "granttoken");

  private SecretFields() {}

  /** True when a member of this name is never logged. */
  public static boolean isSecret(String name) {
    Boolean known = SECRET_NAMES.get(name);
    if (known != null) {
      return known;
    }
    boolean secret = secretName(name);
    if (SECRET_NAMES.size() < 1024) {
      SECRET_NAMES.put(name, secret);
    }
    return secret;
  }

  /** What {@link #isSecret} answered so far: the same member names come in every record. */
  private static final Map<String, Boolean> SECRET_NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static boolean secretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return DROPPED.contains(n)
        || n.contains("plaintext")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("passphrase");
  }

  /**
   * A copy of the map without secret members and binary values, or null for null.
   *
   * @param where the map's name, for error messages
   * @throws IllegalArgumentException for a value of an unsupported type
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> scrub(Map<String, ?> map, String where) {
    if (map == null) {
      return null;
    }
    if (clean(map)) {
      return java.util.Collections.unmodifiableMap((Map<String, Object>) map);
    }
    return scrubMap(map, where);
  }

  /**
   * True when nothing would be dropped or converted: every name is a string and not secret, every
   * value a string, number or boolean, or a map with the same property. The map is then used as it
   * is.
   */
  private static boolean clean(Map<?, ?> map) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name) || isSecret(name)) {
        return false;
      }
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m ? !clean(m) : !plainValue(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when every value of the map is a string, number, boolean or null, or a map with the same
   * property: JSON as it is, whatever the member names.
   */
  public static boolean plainValues(Map<?, ?> map) {
    for (Object v : map.values()) {
      if (v instanceof Map<?, ?> m ? !plainValues(m) : !plainValue(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainValue(Object v) {
    return v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
  }

  private static Map<String, Object> scrubMap(Map<?, ?> map, String where) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new IllegalArgumentException(where + ": member names must be strings");
      }
      if (isSecret(name) || isBinary(e.getValue())) {
        continue;
      }
      out.put(name, scrubValue(e.getValue(), where, "." + name));
    }
    return out;
  }

  /** Scrubs the value at {@code where} + {@code member}; the path is built only for errors. */
  private static Object scrubValue(Object v, String where, String member) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Instant || v instanceof Enum<?>) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      return scrubMap(m, where + member);
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      int i = 0;
      for (Object item : c) {
        if (!isBinary(item)) {
          out.add(scrubValue(item, where + member, "[" + i + "]"));
        }
        i++;
      }
      return out;
    }
    throw new IllegalArgumentException(
        where + member + ": values of type " + v.getClass().getName() + " cannot be logged");
  }

  private static boolean isBinary(Object v) {
    return v instanceof byte[] || v instanceof char[] || v instanceof ByteBuffer;
  }
}
