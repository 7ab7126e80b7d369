package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a Jackson syntax error into a KP001 diagnostic worded for people. */
final class SyntaxMessages {
  private SyntaxMessages() {}

  static Diagnostic diagnostic(String file, CharSequence text, JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    int line = at == null ? 1 : Math.max(1, at.getLineNr());
    int column = at == null ? 1 : Math.max(1, at.getColumnNr());
    // Parsed from characters the offset is a character offset; parsed from plain ASCII bytes it
    // is a byte offset, which is the same thing there.
    long offset =
        at == null ? -1 : at.getCharOffset() >= 0 ? at.getCharOffset() : at.getByteOffset();
    SourceSpan span = SourceSpan.at(file, line, column, "");
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    char found = offset >= 0 && offset < text.length() ? text.charAt((int) offset) : 0;
    String message;
    String help = "";
    if (original.startsWith("Unexpected end-of-input")) {
      message = "unexpected end of input: an object, array or string is not closed";
    } else if ((found == '}' || found == ']') && previousNonBlank(text, (int) offset) == ',') {
      message = "trailing comma before `" + found + "`";
      help = "JSON does not allow a comma after the last member or item; remove it";
    } else if (original.contains("was expecting comma")) {
      message = "missing `,` before `" + printable(found) + "`";
      help = "members of an object and items of an array are separated by commas";
    } else if (original.contains("maybe a (non-standard) comment")) {
      message = "comments are not allowed in JSON";
    } else if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF8")) {
      message = "the file is not valid UTF-8";
    } else if (original.contains("was expecting double-quote to start")) {
      message = "expected a quoted member name, found `" + printable(found) + "`";
    } else if (original.contains("Unrecognized token")) {
      message = "unknown word in JSON; strings must be in double quotes";
    } else if (original.contains("Illegal unquoted character")) {
      message = "control character inside a string; escape it";
    } else {
      message = "invalid JSON: " + firstLine(original);
    }
    return Diagnostic.of(Code.KP001, span, message).withHelp(help);
  }

  private static char previousNonBlank(CharSequence text, int offset) {
    for (int i = offset - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }

  private static String printable(char c) {
    return c == 0 ? "end of input" : String.valueOf(c);
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("");
    line = line.replaceAll(" \\(code \\d+\\)", "");
    return line.isEmpty() ? line : Character.toLowerCase(line.charAt(0)) + line.substring(1);
  }
}
