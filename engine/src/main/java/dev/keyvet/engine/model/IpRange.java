package dev.keyvet.engine.model;

import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR range held as 128 bits ({@code hi}, {@code lo}); IPv4 ranges use the low 32
 * bits. A bare address is a {@code /32} (IPv4) or {@code /128} (IPv6) range.
 *
 * @param v6 true for IPv6
 * @param hi the high 64 bits of the network address (0 for IPv4)
 * @param lo the low 64 bits of the network address
 * @param prefixLength the number of leading bits that are fixed
 */
public record IpRange(boolean v6, long hi, long lo, int prefixLength) {

  public IpRange {
    int max = v6 ? 128 : 32;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
    }
  }

  /** Parses {@code 203.0.113.0/24}, {@code 2001:DB8::/32} or a bare address; empty if malformed. */
  public static Optional<IpRange> parse(String text) {
    String addr = text;
    int prefix = -1;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      addr = text.substring(0, slash);
      String p = text.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
    }
    long[] bits = addr.indexOf(':') >= 0 ? parseV6(addr) : parseV4(addr);
    if (bits == null) {
      return Optional.empty();
    }
    boolean v6 = addr.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    if (prefix > max) {
      return Optional.empty();
    }
    int len = prefix < 0 ? max : prefix;
    long[] masked = mask(bits[0], bits[1], v6 ? len : len + 96);
    return Optional.of(new IpRange(v6, masked[0], masked[1], len));
  }

  /** True when {@code address} (a single address or a range) lies wholly inside this range. */
  public boolean contains(IpRange address) {
    if (address.v6 != v6 || address.prefixLength < prefixLength) {
      return false;
    }
    long[] m = mask(address.hi, address.lo, v6 ? prefixLength : prefixLength + 96);
    return m[0] == hi && m[1] == lo;
  }

  private static long[] mask(long hi, long lo, int bits) {
    if (bits >= 128) {
      return new long[] {hi, lo};
    }
    if (bits <= 0) {
      return new long[] {0, 0};
    }
    if (bits <= 64) {
      long m = bits == 64 ? -1L : ~(-1L >>> bits);
      return new long[] {hi & m, 0};
    }
    long m = ~(-1L >>> (bits - 64));
    return new long[] {hi, lo & m};
  }

  private static long[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return null;
      }
      v = (v << 8) | octet;
    }
    return new long[] {0, v};
  }

  private static long[] parseV6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String[] head = dbl >= 0 ? splitGroups(s.substring(0, dbl)) : splitGroups(s);
    String[] tail = dbl >= 0 ? splitGroups(s.substring(dbl + 2)) : new String[0];
    if (head == null || tail == null) {
      return null;
    }
    int total = head.length + tail.length;
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = hexGroup(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = hexGroup(tail[i]);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      if (groups[i] < 0) {
        return null;
      }
      if (i < 4) {
        hi = (hi << 16) | groups[i];
      } else {
        lo = (lo << 16) | groups[i];
      }
    }
    return new long[] {hi, lo};
  }

  private static String[] splitGroups(String s) {
    if (s.isEmpty()) {
      return new String[0];
    }
    String[] g = s.split(":", -1);
    for (String x : g) {
      if (x.isEmpty()) {
        return null;
      }
    }
    return g;
  }

  private static int hexGroup(String g) {
    if (g.length() > 4) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < g.length(); i++) {
      int d = Character.digit(g.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
