package dev.keyvet.engine.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The text of a document whose bytes are all ASCII, viewed as characters without decoding: byte
 * offsets and character offsets coincide.
 */
final class AsciiText implements CharSequence {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  private final byte[] bytes;

  AsciiText(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * True when every byte is ASCII. Control characters other than tab, LF and CR are rejected by the
   * JSON parser itself, so ASCII text needs no character check for KMS. Reads eight bytes at a time
   * and tests their high bits together.
   */
  static boolean isPlain(byte[] bytes) {
    long acc = 0;
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      acc |= (long) LONGS.get(bytes, i);
    }
    int tail = 0;
    for (; i < bytes.length; i++) {
      tail |= bytes[i];
    }
    return (acc & HIGH_BITS) == 0 && tail >= 0;
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
