package dev.keyvet.engine.iac;

/**
 * A file that does not parse: a message worded for people and the 1-based position it stopped at.
 */
final class IacSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  IacSyntaxException(String message, int line, int column) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }
}
