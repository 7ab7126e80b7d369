package dev.keyvet.engine.read;

import java.nio.charset.StandardCharsets;

/**
 * The text of a document whose bytes are all ASCII, viewed as characters without decoding: byte
 * offsets and character offsets coincide.
 */
final class AsciiText implements CharSequence {
  private final byte[] bytes;

  AsciiText(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * True when every byte is ASCII. Control characters other than tab, LF and CR are rejected by the
   * JSON parser itself, so ASCII text needs no character check for KMS. Written as a branch-free
   * reduction so the JIT can vectorise it.
   */
  static boolean isPlain(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc >= 0;
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
