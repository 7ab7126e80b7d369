package dev.keyvet.engine.read;

import java.nio.charset.StandardCharsets;

/**
 * The text of a document whose bytes are all printable ASCII, tab, LF or CR, viewed as characters
 * without decoding: byte offsets and character offsets coincide.
 */
final class AsciiText implements CharSequence {
  private final byte[] bytes;

  AsciiText(byte[] bytes) {
    this.bytes = bytes;
  }

  /** True when every byte is printable ASCII, tab, LF or CR: what KMS always accepts. */
  static boolean isPlain(byte[] bytes) {
    for (byte b : bytes) {
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int length() {
    return bytes.length;
  }

  @Override
  public char charAt(int index) {
    return (char) bytes[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
