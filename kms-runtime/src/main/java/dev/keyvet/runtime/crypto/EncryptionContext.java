package dev.keyvet.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The canonical encoding of an encryption context, bound to symmetric ciphertexts as additional
 * authenticated data.
 *
 * <p>Encoding: the number of pairs as a 4-byte big-endian unsigned integer, then for each pair in
 * ascending unsigned-byte order of the UTF-8 key: the key's UTF-8 length (4 bytes, big-endian), its
 * UTF-8 bytes, the value's UTF-8 length (4 bytes), its UTF-8 bytes. Every string is
 * length-prefixed, so no two different contexts share an encoding ({"ab":"c"} and {"a":"bc"}
 * differ), and the order in which the caller lists the pairs does not matter. A missing context and
 * an empty one encode alike (four zero bytes), as AWS treats them alike.
 */
public final class EncryptionContext {
  private static final byte[] EMPTY = new byte[4];

  private EncryptionContext() {}

  /**
   * The canonical encoding of {@code context} ({@code null} is the empty context).
   *
   * @throws KmsException ValidationException for a null key or value, or a string that is not valid
   *     Unicode (an unpaired surrogate, which UTF-8 cannot encode)
   */
  public static byte[] canonicalBytes(Map<String, String> context) {
    if (context == null || context.isEmpty()) {
      return EMPTY.clone();
    }
    int n = context.size();
    byte[][] keys = new byte[n][];
    byte[][] values = new byte[n][];
    int total = 4;
    int i = 0;
    for (Map.Entry<String, String> e : context.entrySet()) {
      keys[i] = utf8(e.getKey());
      values[i] = utf8(e.getValue());
      total += 8 + keys[i].length + values[i].length;
      i++;
    }
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    if (n > 1) {
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    }
    byte[] out = new byte[total];
    int p = putInt(out, 0, n);
    for (int j : order) {
      p = putInt(out, p, keys[j].length);
      System.arraycopy(keys[j], 0, out, p, keys[j].length);
      p += keys[j].length;
      p = putInt(out, p, values[j].length);
      System.arraycopy(values[j], 0, out, p, values[j].length);
      p += values[j].length;
    }
    return out;
  }

  private static byte[] utf8(String s) {
    if (s == null) {
      throw KmsException.validation("Encryption context keys and values must not be null");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw unpaired();
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw unpaired();
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KmsException unpaired() {
    return KmsException.validation(
        "Encryption context keys and values must be valid Unicode (unpaired surrogate)");
  }

  static int putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return at + 4;
  }
}
