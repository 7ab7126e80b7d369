package dev.keyvet.engine.diag;

import java.util.Arrays;

/**
 * The start offset of every line of a text, for turning character offsets into 1-based line and
 * column numbers. The index is built on first use, so a text whose positions nobody asks for is
 * never scanned; building is thread-safe.
 */
public final class LineMap {
  private final CharSequence text;
  private int[] starts;

  private LineMap(CharSequence text) {
    this.text = text;
  }

  /** A map over the lines of {@code text}; a line ends after {@code \n}. */
  public static LineMap of(CharSequence text) {
    return new LineMap(text);
  }

  private int[] starts() {
    int[] s = starts;
    if (s == null) {
      int[] grow = new int[16];
      int count = 1;
      for (int i = 0, n = text.length(); i < n; i++) {
        if (text.charAt(i) == '\n') {
          if (count == grow.length) {
            grow = Arrays.copyOf(grow, count * 2);
          }
          grow[count++] = i + 1;
        }
      }
      s = Arrays.copyOf(grow, count);
      starts = s;
    }
    return s;
  }

  /** The 1-based line holding {@code offset}. */
  public int line(int offset) {
    int[] s = starts();
    int i = Arrays.binarySearch(s, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The offset at which 1-based {@code line} starts. */
  public int lineStart(int line) {
    return starts()[line - 1];
  }
}
