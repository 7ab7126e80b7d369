package dev.keyvet.runtime;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request IDs in the form of version-4 UUIDs: 64 random bits drawn once, then a counter. They are
 * unique within a source and, with overwhelming probability, across sources and restarts, without
 * drawing random bytes on every call. Request IDs name calls; they are not secrets. Thread-safe.
 */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long high;
  private final AtomicLong counter = new AtomicLong();

  /** IDs whose random half comes from {@code random}. */
  public RequestIds(RandomSource random) {
    byte[] b = new byte[8];
    random.nextBytes(b);
    long h = 0;
    for (byte x : b) {
      h = (h << 8) | (x & 0xff);
    }
    this.high = (h & ~0xf000L) | 0x4000L;
  }

  /** IDs whose random half comes from the platform's strong random source. */
  public static RequestIds secure() {
    return new RequestIds(new SecureRandom()::nextBytes);
  }

  /** The next ID, e.g. {@code 3f2b9c1e-77a0-4d12-8000-00000000002a}. */
  public String next() {
    long low = 0x8000_0000_0000_0000L | (counter.getAndIncrement() & 0x3fff_ffff_ffff_ffffL);
    char[] c = new char[36];
    int p = hex(c, 0, high >>> 32, 8);
    c[p++] = '-';
    p = hex(c, p, high >>> 16, 4);
    c[p++] = '-';
    p = hex(c, p, high, 4);
    c[p++] = '-';
    p = hex(c, p, low >>> 48, 4);
    c[p++] = '-';
    hex(c, p, low, 12);
    return new String(c);
  }

  private static int hex(char[] c, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      c[at + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return at + digits;
  }
}
