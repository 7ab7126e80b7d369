package dev.keyvet.engine.diag;

import java.util.Objects;

/**
 * A range of source text: the file it is in, its first and last character (1-based line and column,
 * end inclusive), and the JSON pointer of the element it holds ({@code /Statement/0/Effect}).
 *
 * <p>{@link #NONE} stands for elements built in code rather than read from a file.
 */
public record SourceSpan(
    String file, int line, int column, int endLine, int endColumn, String pointer) {

  /** The span of an element that was not read from any source. */
  public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0, "");

  public SourceSpan {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pointer, "pointer");
    if (line < 0 || column < 0 || endLine < 0 || endColumn < 0) {
      throw new IllegalArgumentException("negative line or column");
    }
  }

  /** A span covering a single position. */
  public static SourceSpan at(String file, int line, int column, String pointer) {
    return new SourceSpan(file, line, column, line, column, pointer);
  }

  /** True for {@link #NONE} and other spans that carry no position. */
  public boolean isUnknown() {
    return line == 0;
  }

  /** This span with another JSON pointer. */
  public SourceSpan withPointer(String newPointer) {
    return new SourceSpan(file, line, column, endLine, endColumn, newPointer);
  }

  /** {@code file:line:col}, or just the file when the position is unknown. */
  public String location() {
    return isUnknown() ? file : file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return location() + (pointer.isEmpty() ? "" : " (" + pointer + ")");
  }
}
