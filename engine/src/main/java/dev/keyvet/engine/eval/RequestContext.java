package dev.keyvet.engine.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The condition keys of one request and their values. Key names are matched case-insensitively, as
 * IAM does; values keep their case. A key given as a list is multi-valued even with one item; an
 * absent key is absent, never empty. Immutable.
 */
public final class RequestContext {
  /** The context with no keys. */
  public static final RequestContext EMPTY = new RequestContext(Map.of());

  /** This context's own entries, by lower-case key. */
  private final Map<String, Entry> entries;

  /**
   * The entries under this context's own, or null: a context made by {@link #over} shares a base
   * context many requests have in common instead of copying it. Never itself layered.
   */
  private final RequestContext base;

  /** One key: its name as given, its values, and whether it was given as a list. */
  public record Entry(String key, List<String> values, boolean list) {
    public Entry {
      Objects.requireNonNull(key, "key");
      values = List.copyOf(values);
    }
  }

  private RequestContext(Map<String, Entry> entries) {
    this(entries, null);
  }

  private RequestContext(Map<String, Entry> entries, RequestContext base) {
    this.entries = entries;
    this.base = base;
  }

  /** Every entry, own over base, in order: the base's first, then keys only this one has. */
  private Map<String, Entry> flat() {
    if (base == null) {
      return entries;
    }
    Map<String, Entry> all = new LinkedHashMap<>(base.entries);
    all.putAll(entries);
    return all;
  }

  /**
   * Lower-case forms of the keys seen so far: the same few dozen keys are looked up again and
   * again. Bounded, so arbitrary input cannot grow it without limit.
   */
  private static final Map<String, String> LOWER = new java.util.concurrent.ConcurrentHashMap<>();

  private static String lower(String key) {
    String known = LOWER.get(key);
    if (known != null) {
      return known;
    }
    String l = key.toLowerCase(Locale.ROOT);
    if (LOWER.size() < 1024) {
      LOWER.put(key, l);
    }
    return l;
  }

  /** The entry for {@code key} (any case), or null when absent. */
  public Entry entry(String key) {
    return entryLowerCase(lower(key));
  }

  /** The entry for a key already in lower case; the evaluator's fast path. */
  Entry entryLowerCase(String lowerKey) {
    Entry e = entries.get(lowerKey);
    return e != null || base == null ? e : base.entries.get(lowerKey);
  }

  /** The values of {@code key}, or null when absent. */
  public List<String> values(String key) {
    Entry e = entry(key);
    return e == null ? null : e.values();
  }

  /** The single value of {@code key}, or null when absent or multi-valued. */
  public String value(String key) {
    Entry e = entry(key);
    return e == null || e.values().size() != 1 ? null : e.values().get(0);
  }

  /** True when {@code key} is present. */
  public boolean has(String key) {
    return entry(key) != null;
  }

  /** Every entry by lower-case key, own over base; not a copy unless the context is layered. */
  Map<String, Entry> all() {
    return flat();
  }

  /** Every entry, in the order they were added. */
  public Collection<Entry> entries() {
    return Collections.unmodifiableCollection(flat().values());
  }

  /** A builder starting from this context's entries. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.entries = flat();
    b.shared = base == null;
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder whose entries go over {@code base}'s without copying them: keys put replace the
   * base's, {@link Builder#putIfAbsent} and {@link Builder#has} see both. For many requests that
   * share most of their keys.
   */
  public static Builder over(RequestContext base) {
    Builder b = new Builder();
    b.base = base.base == null ? base : new RequestContext(base.flat());
    b.entries = new LinkedHashMap<>(8);
    return b;
  }

  /** Equal when both hold the same entries (key as written, values, list form), in any order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RequestContext other && flat().equals(other.flat());
  }

  @Override
  public int hashCode() {
    return flat().hashCode();
  }

  @Override
  public String toString() {
    return flat().values().toString();
  }

  /** Builds a context; later puts of the same key (any case) replace earlier ones. */
  public static final class Builder {
    private Map<String, Entry> entries = new LinkedHashMap<>(32);

    /** True once {@link #build()} handed {@link #entries} to a context: copy before changing. */
    private boolean shared;

    /** The context these entries go over, or null. */
    private RequestContext base;

    private Builder() {}

    private Map<String, Entry> writable() {
      if (shared) {
        LinkedHashMap<String, Entry> copy = new LinkedHashMap<>(Math.max(32, entries.size() * 2));
        copy.putAll(entries);
        entries = copy;
        shared = false;
      }
      return entries;
    }

    /** A single-valued key. */
    public Builder put(String key, String value) {
      writable().put(lower(key), new Entry(key, List.of(value), false));
      return this;
    }

    /** A multi-valued key (possibly empty). */
    public Builder put(String key, List<String> values) {
      writable().put(lower(key), new Entry(key, new ArrayList<>(values), true));
      return this;
    }

    /** An entry of another context, as it is. */
    public Builder put(Entry e) {
      writable().put(lower(e.key()), e);
      return this;
    }

    /** An entry of another context under its lower-case key, as that context holds it. */
    Builder putLowerCase(String lowerKey, Entry e) {
      writable().put(lowerKey, e);
      return this;
    }

    /** Puts {@code value} unless the key is already present. */
    public Builder putIfAbsent(String key, String value) {
      String lower = lower(key);
      if (!present(lower)) {
        writable().put(lower, new Entry(key, List.of(value), false));
      }
      return this;
    }

    /** Puts {@code values} as a list unless the key is already present. */
    public Builder putIfAbsent(String key, List<String> values) {
      String lower = lower(key);
      if (!present(lower)) {
        writable().put(lower, new Entry(key, new ArrayList<>(values), true));
      }
      return this;
    }

    /** True when the key is present. */
    public boolean has(String key) {
      return present(lower(key));
    }

    private boolean present(String lower) {
      return entries.containsKey(lower) || base != null && base.entries.containsKey(lower);
    }

    public RequestContext build() {
      if (base != null) {
        if (entries.isEmpty()) {
          return base;
        }
        shared = true;
        return new RequestContext(Collections.unmodifiableMap(entries), base);
      }
      if (entries.isEmpty()) {
        return EMPTY;
      }
      shared = true;
      return new RequestContext(Collections.unmodifiableMap(entries));
    }
  }
}
