package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonToken;

/**
 * The members of one JSON object, read in document order from a {@link TokenCursor}. A member whose
 * name equals an earlier kept member's, exactly or ignoring case, is a duplicate: its value is read
 * (so duplicates nested in it are found too), it is reported as KP002, and it is dropped, so {@link
 * #next()} never stops on it.
 *
 * <p>Typical use: {@code while (members.next()) { ...read the value at the cursor... }}; after the
 * loop the cursor is on {@code END_OBJECT} and {@link #span()} covers the whole object.
 *
 * <p>The cursor keeps one instance per nesting depth and reuses it for the next object at that
 * depth, so an instance is valid from {@link TokenCursor#members} until another object at the same
 * depth begins; the spans it made stay valid.
 */
final class ObjectMembers {
  /** From this many kept members on, candidate duplicates are first looked up by folded name. */
  private static final int HASHED_MEMBERS = 16;

  private final TokenCursor cursor;
  private int start;
  private SourceSpan parent;
  private String ownName;
  private int index;
  private SourceSpan self;
  private int base;
  private Set<String> folded;
  private long seen;
  private int count;
  private String name;
  private int valueStart;
  private int nameEnd = -1;
  private int end = -1;

  ObjectMembers(TokenCursor cursor) {
    this.cursor = cursor;
  }

  /**
   * Begins the object whose {@code START_OBJECT} at offset {@code start} is the cursor's token:
   * member {@code name} of {@code parent}, or its item {@code index}.
   */
  void open(int start, SourceSpan parent, String name, int index) {
    this.start = start;
    this.parent = parent;
    this.ownName = name;
    this.index = index;
    this.self = cursor.span(start, start, parent, name, index);
    this.base = cursor.nameCount();
    this.folded = null;
    this.seen = 0;
    this.count = 0;
    this.name = null;
    this.nameEnd = -1;
    this.end = -1;
  }

  /**
   * Moves to the next kept member, leaving the cursor on the first token of its value; false, with
   * the cursor on {@code END_OBJECT}, when there is none.
   */
  boolean next() {
    while (cursor.next() == JsonToken.PROPERTY_NAME) {
      String n = cursor.currentName();
      cursor.next();
      valueStart = cursor.start();
      nameEnd = -1;
      String earlier = earlier(n);
      if (earlier == null) {
        cursor.pushName(n);
        seen |= sketch(n);
        count++;
        name = n;
        return true;
      }
      int close = nameEnd();
      cursor.dropDuplicate(this, n, earlier, cursor.nameStart(close), close);
    }
    end = cursor.start();
    cursor.popNames(base);
    cursor.closed();
    return false;
  }

  /**
   * The kept member whose name equals {@code n} ignoring case, or null: a case-insensitive scan of
   * the kept names. Once {@value #HASHED_MEMBERS} members are kept, a set of lower-cased names
   * answers first and the scan only confirms a hit. The set holds every name kept or looked up,
   * including the one whose lookup made it.
   */
  private String earlier(String n) {
    if (folded == null) {
      String found = (seen & sketch(n)) == 0 ? null : scan(n);
      if (count >= HASHED_MEMBERS) {
        folded = new HashSet<>();
        for (int i = base; i < cursor.nameCount(); i++) {
          folded.add(cursor.name(i).toLowerCase(Locale.ROOT));
        }
        folded.add(n.toLowerCase(Locale.ROOT));
      }
      return found;
    }
    return folded.add(n.toLowerCase(Locale.ROOT)) ? null : scan(n);
  }

  /**
   * A bit standing for every name equal to {@code n} ignoring case (same length, first character
   * equal ignoring case), or all bits when the first character is not ASCII, where case folding
   * crosses into ASCII; {@link #seen} ORs them for the kept names, so a name whose bit is not set
   * certainly duplicates none of them and the scan is skipped.
   */
  private static long sketch(String n) {
    if (n.isEmpty()) {
      return 1L;
    }
    char c = n.charAt(0);
    return c < 128 ? 1L << (n.length() * 31 + (c | 0x20)) : -1L;
  }

  private String scan(String n) {
    for (int i = base; i < cursor.nameCount(); i++) {
      String kept = cursor.name(i);
      if (kept.equalsIgnoreCase(n)) {
        return kept;
      }
    }
    return null;
  }

  /** The current member's name. */
  String name() {
    return name;
  }

  /**
   * Where the current member's name was written, quotes included; its pointer is the member's. The
   * name's offsets are found from its value's only when asked for.
   */
  SourceSpan nameSpan() {
    int close = nameEnd();
    return self.member(cursor.nameStart(close), close, name);
  }

  /** Offset of the quote closing the current (or just dropped) member's name. */
  private int nameEnd() {
    if (nameEnd < 0) {
      nameEnd = cursor.nameEnd(valueStart);
    }
    return nameEnd;
  }

  /** How many members were kept so far (all of them once {@link #next()} returned false). */
  int count() {
    return count;
  }

  /**
   * The object's span as parent of its members' spans: its pointer is the object's, its range only
   * the opening brace.
   */
  SourceSpan self() {
    return self;
  }

  /** Offset of the closing brace; valid once {@link #next()} returned false. */
  int end() {
    return end;
  }

  /** The whole object, braces included; valid once {@link #next()} returned false. */
  SourceSpan span() {
    return cursor.span(start, end, parent, ownName, index);
  }
}
