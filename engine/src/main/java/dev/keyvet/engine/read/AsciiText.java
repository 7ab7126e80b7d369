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
   * into four independent accumulators, so the loads overlap, and tests their high bits together.
   */
  static boolean isPlain(byte[] bytes) {
    long a0 = 0;
    long a1 = 0;
    long a2 = 0;
    long a3 = 0;
    int i = 0;
    for (; i + 4 * Long.BYTES <= bytes.length; i += 4 * Long.BYTES) {
      a0 |= (long) LONGS.get(bytes, i);
      a1 |= (long) LONGS.get(bytes, i + Long.BYTES);
      a2 |= (long) LONGS.get(bytes, i + 2 * Long.BYTES);
      a3 |= (long) LONGS.get(bytes, i + 3 * Long.BYTES);
    }
    long acc = a0 | a1 | a2 | a3;
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
