package dev.keyvet.runtime.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a symmetric ciphertext is bound to: the key ID, the version of the key's material, and the
 * Region it was encrypted in. All three are written in clear in the blob and authenticated.
 *
 * @param keyId the key ID (a UUID, or {@code mrk-} and 32 hex digits): 1 to 255 printable ASCII
 *     characters
 * @param materialVersion which material of the key encrypted (the store's numbering, 0 or more)
 * @param region the Region, e.g. {@code eu-west-1}: 1 to 64 characters of {@code [a-z0-9-]}
 */
public record CiphertextHeader(String keyId, int materialVersion, String region) {

  /** The format version this code writes. */
  public static final int FORMAT_VERSION = 1;

  static final byte MAGIC_0 = 'k';
  static final byte MAGIC_1 = 'v';

  public CiphertextHeader {
    if (keyId == null || keyId.isEmpty() || keyId.length() > 255 || !printableAscii(keyId)) {
      throw KmsException.validation(
          "A ciphertext's key ID must be 1 to 255 printable ASCII characters");
    }
    if (materialVersion < 0) {
      throw KmsException.validation("A key material version must not be negative");
    }
    if (region == null || region.isEmpty() || region.length() > 64 || !regionName(region)) {
      throw KmsException.validation("A Region name must be 1 to 64 characters of [a-z0-9-]");
    }
  }

  /** The encoded header: magic, format version, key ID, Region, material version. */
  byte[] encode() {
    int k = keyId.length();
    int r = region.length();
    byte[] out = new byte[3 + 1 + k + 1 + r + 4];
    out[0] = MAGIC_0;
    out[1] = MAGIC_1;
    out[2] = FORMAT_VERSION;
    out[3] = (byte) k;
    putAscii(keyId, out, 4);
    out[4 + k] = (byte) r;
    putAscii(region, out, 5 + k);
    EncryptionContext.putInt(out, 5 + k + r, materialVersion);
    return out;
  }

  private static void putAscii(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      out[at + i] = (byte) s.charAt(i);
    }
  }

  static String ascii(byte[] b, int offset, int length) {
    return new String(b, offset, length, StandardCharsets.US_ASCII);
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
