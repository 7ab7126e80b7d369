package dev.keyvet.engine.report;

import dev.keyvet.engine.diag.LineMap;
import dev.keyvet.engine.diag.SourceSpan;

/**
 * The source line a span starts on, and a marker line with {@code ^} under the span's characters on
 * that line (to its end, or to the end of the line when the span goes on). Tabs in the source are
 * kept in the marker line's indentation, so the carets line up wherever tab stops are.
 *
 * @param line the source line, without its line break
 * @param indent spaces (and tabs) up to the span's first character
 * @param carets one or more {@code ^}
 */
record Excerpt(String line, String indent, String carets) {

  /** The excerpt of {@code span} in {@code source}, or null when there is none to show. */
  static Excerpt of(String source, LineMap lines, SourceSpan span) {
    if (source == null || span.isUnknown() || span.column() < 1) {
      return null;
    }
    int last = lines.line(source.length());
    if (span.line() > last) {
      return null;
    }
    int start = lines.lineStart(span.line());
    int end = span.line() < last ? lines.lineStart(span.line() + 1) - 1 : source.length();
    String text = source.substring(start, end);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    int from = Math.min(span.column() - 1, text.length());
    int to = span.endLine() == span.line() ? span.endColumn() : text.length();
    to = Math.min(Math.max(to, from + 1), Math.max(text.length(), from + 1));
    StringBuilder indent = new StringBuilder(from);
    for (int i = 0; i < from; i++) {
      indent.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    return new Excerpt(text, indent.toString(), "^".repeat(to - from));
  }
}
