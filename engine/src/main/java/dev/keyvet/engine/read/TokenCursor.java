package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.base.ParserBase;

/**
 * Jackson's token stream over one document, with the character offsets of its values and spans made
 * from them. Offsets are read from the parser and the text without allocating location objects;
 * spans are {@linkplain SourceSpan#lazy resolved lazily}, so a value costs one small object only
 * when the caller asks for its span.
 *
 * <p>Every value the cursor hands out or skips is read the way a full tree read would read it
 * (strings decoded, numbers taken as text), so Jackson applies the same {@code
 * StreamReadConstraints} and finds the same syntax errors whether or not the model keeps the value.
 * Duplicate members are reported as KP002 to {@link #duplicates()}, apart from the other findings,
 * because they are a property of the JSON rather than of the policy.
 *
 * <p>Convention: a method handed a cursor positioned on a value's first token leaves it on the
 * value's last token ({@code END_OBJECT} or {@code END_ARRAY} for containers).
 */
final class TokenCursor {
  private final String file;
  private final byte[] ascii;
  private final String chars;
  private final int length;
  private final LineMap lines;
  private final JsonParser p;
  private final ParserBase offsets;
  private final int maxStringChars;
  private final List<Diagnostic> duplicates = new ArrayList<>(0);
  private String[] names = new String[16];
  private int nameCount;
  private ObjectMembers[] objects = new ObjectMembers[8];
  private int depth;
  private String onlyMember;
  private int scannedStart = -1;
  private int scannedEnd;
  private boolean scannedPlain;
  private int scannedFlags;

  /**
   * A cursor over {@code p}, which parses either the plain ASCII bytes {@code ascii} or the text
   * {@code chars} (exactly one is non-null); {@code lines} indexes the same text, and Jackson
   * limits strings to {@code maxStringChars}.
   */
  TokenCursor(
      String file, byte[] ascii, String chars, LineMap lines, JsonParser p, int maxStringChars) {
    this.file = file;
    this.ascii = ascii;
    this.chars = chars;
    this.length = ascii != null ? ascii.length : chars.length();
    this.lines = lines;
    this.p = p;
    this.offsets = (ParserBase) p;
    this.maxStringChars = maxStringChars;
  }

  /** The KP002 findings for duplicate members, in document order. */
  List<Diagnostic> duplicates() {
    return duplicates;
  }

  JsonToken token() {
    return p.currentToken();
  }

  JsonToken next() {
    return p.nextToken();
  }

  /** The name of the member whose name is the current token. */
  String currentName() {
    return p.currentName();
  }

  /**
   * The decoded text of the current string token. A string without escapes or control characters,
   * within the length limit, is its source text, so it is copied from there and Jackson only skips
   * it; any other string is decoded (and checked, and rejected) by Jackson as before.
   */
  String string() {
    int start = start();
    int end = scanString(start);
    if (!copyable(start, end)) {
      return p.getString();
    }
    return ascii != null
        ? new String(ascii, start + 1, end - start - 1, StandardCharsets.ISO_8859_1)
        : chars.substring(start + 1, end);
  }

  /**
   * False when the string last read certainly holds none of {@code $}, {@code <} and the opening
   * brace, so it holds no placeholder and no policy variable; true when it may.
   */
  boolean markup() {
    return !scannedPlain || (scannedFlags & MARKUP) != 0;
  }

  /** True when the string just scanned is plain and within the length limit. */
  private boolean copyable(int start, int end) {
    return scannedPlain && end - start - 1 <= maxStringChars;
  }

  /** The JSON spelling of the current number token. */
  String numberText() {
    return p.getString();
  }

  /**
   * The offset of the current token's first character. Jackson's raw token offset is one past it
   * (its location objects subtract the one), so this does the same without allocating.
   */
  int start() {
    return (int) offsets.getTokenCharacterOffset() - 1;
  }

  /**
   * A span of characters {@code start} to {@code end} (inclusive) holding member {@code name} of
   * {@code parent}, or its item {@code index} when {@code name} is null.
   */
  SourceSpan span(int start, int end, SourceSpan parent, String name, int index) {
    return SourceSpan.lazy(file, lines, start, end, parent, name, index);
  }

  /** The span of the current string token, quotes included. Does not read the string. */
  SourceSpan stringSpan(SourceSpan parent, String name, int index) {
    int start = start();
    return span(start, scanString(start), parent, name, index);
  }

  /** The span of the current number, {@code true} or {@code false} token, of spelling {@code s}. */
  SourceSpan wordSpan(String s, SourceSpan parent, String name, int index) {
    int start = start();
    return span(start, start + s.length() - 1, parent, name, index);
  }

  /**
   * Reads the value at the current token to its end and returns its span: a value the model does
   * not keep, but whose duplicate members and limits still count. Afterwards {@link
   * #skippedIntrinsic()} tells whether it was a CloudFormation intrinsic.
   */
  SourceSpan valueSpan(SourceSpan parent, String name, int index) {
    int start = start();
    return span(start, skip(parent, name, index), parent, name, index);
  }

  /**
   * The intrinsic function name ({@code Fn::Join}, {@code Ref}, {@code Condition}) when the value
   * last read by {@link #valueSpan} was an object of that one member, else null.
   */
  String skippedIntrinsic() {
    return Intrinsics.name(onlyMember);
  }

  /**
   * The members of the object whose {@code START_OBJECT} is the current token: member {@code name}
   * of {@code parent}, or its item {@code index}. Valid until the next object at the same depth
   * begins (see {@link ObjectMembers}).
   */
  ObjectMembers members(SourceSpan parent, String name, int index) {
    if (depth == objects.length) {
      objects = Arrays.copyOf(objects, depth * 2);
    }
    ObjectMembers m = objects[depth];
    if (m == null) {
      m = new ObjectMembers(this);
      objects[depth] = m;
    }
    depth++;
    m.open(start(), parent, name, index);
    return m;
  }

  /** Called by the innermost open object when it ends. */
  void closed() {
    depth--;
  }

  /** A word for the JSON type a value starting with token {@code t} has, as messages use it. */
  static String kind(JsonToken t) {
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        throw new IllegalStateException("not a value token: " + t);
    }
  }

  /** Reads the value at the current token to its end; returns the offset of its last character. */
  private int skip(SourceSpan parent, String name, int index) {
    int start = start();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return skipObject(parent, name, index);
      case START_ARRAY:
        SourceSpan self = span(start, start, parent, name, index);
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          skip(self, null, i++);
        }
        onlyMember = null;
        return start();
      case VALUE_STRING:
        int end = scanString(start);
        if (!copyable(start, end)) {
          p.getString();
        }
        onlyMember = null;
        return end;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        onlyMember = null;
        return start + p.getString().length() - 1;
      case VALUE_TRUE:
      case VALUE_NULL:
        onlyMember = null;
        return start + 3;
      case VALUE_FALSE:
        onlyMember = null;
        return start + 4;
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  private int skipObject(SourceSpan parent, String name, int index) {
    ObjectMembers obj = members(parent, name, index);
    String first = null;
    while (obj.next()) {
      if (first == null) {
        first = obj.name();
      }
      skip(obj.self(), obj.name(), -1);
    }
    onlyMember = obj.count() == 1 ? first : null;
    return obj.end();
  }

  /** Skips the value of a duplicate member, then reports the member. */
  void dropDuplicate(ObjectMembers owner, String name, String earlier, int nameStart, int nameEnd) {
    skip(owner.self(), name, -1);
    SourceSpan nameSpan = owner.self().member(nameStart, nameEnd, name);
    Diagnostic d =
        earlier.equals(name)
            ? Diagnostic.of(Code.KP002, nameSpan, "duplicate member `" + name + "`")
                .withHelp(
                    "JSON parsers keep only one of the values, so one of them is silently lost;"
                        + " merge them into one member")
            : Diagnostic.of(
                    Code.KP002,
                    nameSpan,
                    "member `" + name + "` differs from `" + earlier + "` only in case")
                .withHelp("element names are case-sensitive; keep one spelling");
    duplicates.add(d);
  }

  /**
   * The kept member names of the objects being read, innermost last: a stack shared by nested
   * {@link ObjectMembers}, so reading an object allocates no list of its own.
   */
  int nameCount() {
    return nameCount;
  }

  String name(int i) {
    return names[i];
  }

  void pushName(String name) {
    if (nameCount == names.length) {
      names = Arrays.copyOf(names, nameCount * 2);
    }
    names[nameCount++] = name;
  }

  void popNames(int count) {
    Arrays.fill(names, count, nameCount, null);
    nameCount = count;
  }

  /**
   * The offset of the quote closing the member name before the value starting at {@code
   * valueStart}: back over white space, the colon, and white space again.
   */
  int nameEnd(int valueStart) {
    int i = valueStart - 1;
    while (i > 0 && charAt(i) != ':') {
      i--;
    }
    i--;
    while (i > 0 && charAt(i) != '"') {
      i--;
    }
    return i;
  }

  /** The offset of the quote opening the string whose closing quote is at {@code end}. */
  int nameStart(int end) {
    int i = end - 1;
    while (i > 0) {
      if (charAt(i) == '"') {
        int backslashes = 0;
        while (charAt(i - 1 - backslashes) == '\\') {
          backslashes++;
        }
        if (backslashes % 2 == 0) {
          return i;
        }
      }
      i--;
    }
    return Math.max(0, i);
  }

  /**
   * The offset of the quote that closes the string whose opening quote is at {@code start} (the
   * last offset when there is none); notes whether the string is plain: closed, with no escape and
   * no control character. The last string scanned is remembered, as its span and text are usually
   * both asked for.
   */
  private int scanString(int start) {
    if (start != scannedStart) {
      int i = ascii != null ? scanAscii(start + 1) : scanChars(start + 1);
      scannedStart = start;
      scannedPlain = (scannedFlags & ESCAPED) == 0 && i < length;
      scannedEnd = i < length ? i : length - 1;
    }
    return scannedEnd;
  }

  /** {@link #scanString} over the bytes: the closing quote's offset, or past the end. */
  private int scanAscii(int from) {
    byte[] b = ascii;
    int flags = 0;
    int i = from;
    while (i < b.length) {
      int c = b[i];
      if (!notable(c)) {
        i++;
      } else if (c == '"') {
        break;
      } else {
        flags |= flag(c);
        i += c == '\\' ? 2 : 1;
      }
    }
    scannedFlags = flags;
    return i;
  }

  /** {@link #scanString} over the characters: the closing quote's offset, or past the end. */
  private int scanChars(int from) {
    String t = chars;
    int flags = 0;
    int i = from;
    while (i < length) {
      int c = t.charAt(i);
      if (!notable(c)) {
        i++;
      } else if (c == '"') {
        break;
      } else {
        flags |= flag(c);
        i += c == '\\' ? 2 : 1;
      }
    }
    scannedFlags = flags;
    return i;
  }

  /** Scan flag: an escape or a control character, so the text is not the source as written. */
  private static final int ESCAPED = 1;

  /** Scan flag: a character that can begin a placeholder or policy variable. */
  private static final int MARKUP = 2;

  /** The characters below 64 a string scan stops at: controls, {@code "}, {@code $}, {@code <}. */
  private static final long NOTABLE_LOW = 0xFFFF_FFFFL | 1L << '"' | 1L << '$' | 1L << '<';

  /** The characters from 64 to 127 a string scan stops at: the backslash and the opening brace. */
  private static final long NOTABLE_HIGH = 1L << ('\\' - 64) | 1L << ('{' - 64);

  /** True for a closing quote, an escape, a control character or markup: one test per character. */
  private static boolean notable(int c) {
    return c < 128 && ((c < 64 ? NOTABLE_LOW : NOTABLE_HIGH) >>> c & 1) != 0;
  }

  /** The scan flag of a notable character other than the closing quote. */
  private static int flag(int c) {
    return c == '\\' || c < 0x20 ? ESCAPED : MARKUP;
  }

  private char charAt(int i) {
    return ascii != null ? (char) ascii[i] : chars.charAt(i);
  }
}
