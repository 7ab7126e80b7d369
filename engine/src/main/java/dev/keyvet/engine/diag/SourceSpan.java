package dev.keyvet.engine.diag;

import java.util.Objects;

/**
 * A range of source text: the file it is in, its first and last character (1-based line and column,
 * end inclusive), and the JSON pointer of the element it holds ({@code /Statement/0/Effect}).
 *
 * <p>A span is a value: two spans are equal when file, positions and pointer are equal. Spans made
 * by the reader are resolved lazily from character offsets and their parent element, so that
 * reading a policy does not pay for lines, columns and pointers nobody asks for; resolution is
 * thread-safe. {@link #NONE} stands for elements built in code rather than read from a file.
 */
public final class SourceSpan {

  /** The span of an element that was not read from any source. */
  public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0, "");

  private final String file;
  private final int startOffset;
  private final int endOffset;
  private final SourceSpan parent;
  private final String segment;
  private final int index;

  /**
   * The {@link LineMap} of a lazily resolved span until it is resolved, then its {@link Resolved}:
   * one field for both keeps the many spans a read makes small.
   */
  private Object state;

  /**
   * Positions and pointer, computed once, and the line map of a lazily resolved span (null for the
   * others); final fields make publication safe.
   */
  private static final class Resolved {
    final int line;
    final int column;
    final int endLine;
    final int endColumn;
    final String pointer;
    final LineMap lines;

    Resolved(int line, int column, int endLine, int endColumn, String pointer, LineMap lines) {
      this.line = line;
      this.column = column;
      this.endLine = endLine;
      this.endColumn = endColumn;
      this.pointer = pointer;
      this.lines = lines;
    }
  }

  /** A span with known positions. */
  public SourceSpan(String file, int line, int column, int endLine, int endColumn, String pointer) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pointer, "pointer");
    if (line < 0 || column < 0 || endLine < 0 || endColumn < 0) {
      throw new IllegalArgumentException("negative line or column");
    }
    this.file = file;
    this.startOffset = -1;
    this.endOffset = -1;
    this.parent = null;
    this.segment = null;
    this.index = -1;
    this.state = new Resolved(line, column, endLine, endColumn, pointer, null);
  }

  private SourceSpan(
      String file,
      LineMap lines,
      int startOffset,
      int endOffset,
      SourceSpan parent,
      String segment,
      int index) {
    this.file = file;
    this.state = lines;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
    this.parent = parent;
    this.segment = segment;
    this.index = index;
  }

  /**
   * A span resolved on demand: characters {@code start} to {@code end} (inclusive offsets into the
   * text {@code lines} indexes), holding the member {@code name} of {@code parent}, or its item
   * {@code index} when {@code name} is null. A null parent is the document root.
   */
  public static SourceSpan lazy(
      String file, LineMap lines, int start, int end, SourceSpan parent, String name, int index) {
    return new SourceSpan(file, lines, start, end, parent, name, index);
  }

  /**
   * A lazily resolved span of characters {@code start} to {@code end} of the same text as this
   * span, holding this element's member {@code name}.
   *
   * @throws IllegalStateException when this span was not made lazily
   */
  public SourceSpan member(int start, int end, String name) {
    Object s = state;
    LineMap lines = s instanceof Resolved r ? r.lines : (LineMap) s;
    if (lines == null) {
      throw new IllegalStateException("not a lazily resolved span");
    }
    return new SourceSpan(file, lines, start, end, this, name, -1);
  }

  /** A span covering a single position. */
  public static SourceSpan at(String file, int line, int column, String pointer) {
    return new SourceSpan(file, line, column, line, column, pointer);
  }

  private Resolved resolved() {
    Object s = state;
    if (s instanceof Resolved r) {
      return r;
    }
    LineMap lines = (LineMap) s;
    int line = lines.line(startOffset);
    int endLine = lines.line(endOffset);
    Resolved r =
        new Resolved(
            line,
            startOffset - lines.lineStart(line) + 1,
            endLine,
            endOffset - lines.lineStart(endLine) + 1,
            buildPointer(),
            lines);
    state = r;
    return r;
  }

  private String buildPointer() {
    if (parent == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(parent.pointer()).append('/');
    if (segment == null) {
      sb.append(index);
    } else if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      sb.append(segment);
    } else {
      sb.append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  public String file() {
    return file;
  }

  public int line() {
    return resolved().line;
  }

  public int column() {
    return resolved().column;
  }

  public int endLine() {
    return resolved().endLine;
  }

  public int endColumn() {
    return resolved().endColumn;
  }

  public String pointer() {
    return resolved().pointer;
  }

  /** True for {@link #NONE} and other spans that carry no position. */
  public boolean isUnknown() {
    return line() == 0;
  }

  /** This span with another JSON pointer. */
  public SourceSpan withPointer(String newPointer) {
    return new SourceSpan(file, line(), column(), endLine(), endColumn(), newPointer);
  }

  /** {@code file:line:col}, or just the file when the position is unknown. */
  public String location() {
    return isUnknown() ? file : file + ":" + line() + ":" + column();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SourceSpan s)) {
      return false;
    }
    Resolved a = resolved();
    Resolved b = s.resolved();
    return file.equals(s.file)
        && a.line == b.line
        && a.column == b.column
        && a.endLine == b.endLine
        && a.endColumn == b.endColumn
        && a.pointer.equals(b.pointer);
  }

  @Override
  public int hashCode() {
    Resolved r = resolved();
    return Objects.hash(file, r.line, r.column, r.endLine, r.endColumn, r.pointer);
  }

  @Override
  public String toString() {
    String p = pointer();
    return location() + (p.isEmpty() ? "" : " (" + p + ")");
  }
}
