package dev.keyvet.engine.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of catalogue actions, as bits over catalogue order. What an action pattern or an
 * {@code Action}/{@code NotAction} element covers is computed once per distinct pattern (see {@link
 * KmsCatalog#actionSet(String)}) and then combined with bit operations, so questions such as "does
 * this statement cover {@code kms:PutKeyPolicy}?" or "does one statement cover every action of
 * another?" cost a few word operations rather than wildcard matching.
 */
public final class ActionSet {
  private final KmsCatalog catalog;
  private final long[] bits;

  ActionSet(KmsCatalog catalog, long[] bits) {
    this.catalog = catalog;
    this.bits = bits;
  }

  static ActionSet empty(KmsCatalog catalog) {
    return new ActionSet(catalog, new long[words(catalog)]);
  }

  static int words(KmsCatalog catalog) {
    return (catalog.actions().size() + 63) / 64;
  }

  /** True when the set holds the catalogue action at {@code index}. */
  public boolean contains(int index) {
    return index >= 0 && (bits[index >> 6] & (1L << (index & 63))) != 0;
  }

  /** True when the set holds the action named {@code name} (bare or {@code kms:}, any case). */
  public boolean contains(String name) {
    return contains(catalog.indexOf(name));
  }

  /** True when every action of {@code other} is in this set. */
  public boolean containsAll(ActionSet other) {
    for (int i = 0; i < bits.length; i++) {
      if ((other.bits[i] & ~bits[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** True when the two sets share an action. */
  public boolean intersects(ActionSet other) {
    for (int i = 0; i < bits.length; i++) {
      if ((other.bits[i] & bits[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    for (long w : bits) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  public int size() {
    int n = 0;
    for (long w : bits) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /** The actions in this set or in {@code other}. */
  public ActionSet union(ActionSet other) {
    long[] out = bits.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] |= other.bits[i];
    }
    return new ActionSet(catalog, out);
  }

  /** The actions in both this set and {@code other}. */
  public ActionSet intersection(ActionSet other) {
    long[] out = bits.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] &= other.bits[i];
    }
    return new ActionSet(catalog, out);
  }

  /** Every catalogue action not in this set: what a {@code NotAction} covers. */
  public ActionSet complement() {
    long[] out = new long[bits.length];
    int n = catalog.actions().size();
    for (int i = 0; i < n; i++) {
      if (!contains(i)) {
        out[i >> 6] |= 1L << (i & 63);
      }
    }
    return new ActionSet(catalog, out);
  }

  /** The bare action names, in catalogue order. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    List<KmsAction> all = catalog.actions();
    for (int i = 0; i < all.size(); i++) {
      if (contains(i)) {
        out.add(all.get(i).name());
      }
    }
    return out;
  }

  /** The actions, in catalogue order. */
  public List<KmsAction> actions() {
    List<KmsAction> out = new ArrayList<>();
    List<KmsAction> all = catalog.actions();
    for (int i = 0; i < all.size(); i++) {
      if (contains(i)) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  /** A copy of the bits, one per catalogue action in catalogue order. */
  public long[] toBits() {
    return bits.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActionSet other && Arrays.equals(bits, other.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
