package dev.keyvet.engine.diag;

import java.util.Arrays;

/**
 * The start offset of every line of a text, for turning character offsets into 1-based line and
 * column numbers. Immutable once built.
 */
public final class LineMap {
  private final int[] starts;
  private final int count;

  private LineMap(int[] starts, int count) {
    this.starts = starts;
    this.count = count;
  }

  /** Indexes the lines of {@code text}; a line ends after {@code \n}. */
  public static LineMap of(CharSequence text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return new LineMap(starts, count);
  }

  /** The 1-based line holding {@code offset}. */
  public int line(int offset) {
    int i = Arrays.binarySearch(starts, 0, count, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The offset at which 1-based {@code line} starts. */
  public int lineStart(int line) {
    return starts[line - 1];
  }
}
