package dev.keyvet.engine.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Renders lint results in one format. Implementations are immutable and thread-safe; they write the
 * whole report, ending with a line break, and neither flush nor close the writer.
 */
public interface Reporter {
  /** Writes the report of {@code files}, in the order given, to {@code out}. */
  void write(List<FileReport> files, Writer out) throws IOException;

  /** The report of {@code files} as a string. */
  default String render(List<FileReport> files) {
    StringWriter out = new StringWriter();
    try {
      write(files, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
